package dev.eksauth.webidentity.internal;

import java.util.Objects;
import java.util.function.Supplier;

import dev.eksauth.webidentity.WebIdentityTokenSource;

/** Asks a supplier on every call. Thread-safe when the supplier is. Not public API. */
public final class SupplierTokenSource implements WebIdentityTokenSource {
    private final Supplier<String> supplier;

    /** Wraps a supplier. */
    public SupplierTokenSource(Supplier<String> supplier) {
        this.supplier = Objects.requireNonNull(supplier, "supplier");
    }

    @Override
    public String token() {
        return TokenText.from(supplier, "the web identity token supplier");
    }

    @Override
    public String toString() {
        return "WebIdentityTokenSource.from(supplier)";
    }
}
