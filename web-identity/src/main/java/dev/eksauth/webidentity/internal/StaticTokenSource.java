package dev.eksauth.webidentity.internal;

import java.util.Objects;

import dev.eksauth.webidentity.WebIdentityTokenSource;

/** A fixed token. Immutable and thread-safe; {@link #toString()} hides the token. Not public API. */
public final class StaticTokenSource implements WebIdentityTokenSource {
    private final String token;

    /**
     * Holds a token.
     *
     * @throws dev.eksauth.webidentity.InvalidWebIdentityException when it is blank or too long
     */
    public StaticTokenSource(String token) {
        this.token = TokenText.check(Objects.requireNonNull(token, "token"), "the web identity token");
    }

    @Override
    public String token() {
        return token;
    }

    @Override
    public String toString() {
        return "WebIdentityTokenSource.of(***)";
    }
}
