package dev.eksauth.testkit;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * A JUnit 5 extension that starts a {@link FakeOidcIssuer} for tests and closes it after them.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final FakeOidcIssuerExtension issuer = FakeOidcIssuerExtension.create(
 *         fake -> fake.algorithms(SigningAlgorithm.RS256, SigningAlgorithm.ES256));
 *
 * @Test
 * void acceptsAliceFromTheIssuer() {
 *     String token = issuer.get().token().subject("alice").audience("my-client").sign();
 *     ...
 * }
 * }</pre>
 *
 * <p>On a static field the fake serves the class, on an instance field each test; see
 * {@link FakeExtension}. Thread-safe.
 */
public final class FakeOidcIssuerExtension extends FakeExtension<FakeOidcIssuer> {
    private FakeOidcIssuerExtension(Consumer<FakeOidcIssuer.Builder> customisation) {
        super(FakeOidcIssuer.class, () -> {
            FakeOidcIssuer.Builder builder = FakeOidcIssuer.builder();
            customisation.accept(builder);
            return builder.build();
        });
    }

    /** Issuers as {@link FakeOidcIssuer#create()} makes them: one RS256 key, the system clock. */
    public static FakeOidcIssuerExtension create() {
        return new FakeOidcIssuerExtension(builder -> { });
    }

    /**
     * Issuers built by a {@link FakeOidcIssuer#builder()} that {@code customisation} has configured.
     * It runs each time an issuer starts, so it may use fields that are set after the extension is
     * created.
     */
    public static FakeOidcIssuerExtension create(Consumer<FakeOidcIssuer.Builder> customisation) {
        return new FakeOidcIssuerExtension(Objects.requireNonNull(customisation, "customisation"));
    }
}
