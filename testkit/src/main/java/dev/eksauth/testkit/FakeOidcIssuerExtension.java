package dev.eksauth.testkit;

import java.util.Objects;
import java.util.function.Consumer;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import dev.eksauth.testkit.internal.FakeLifecycle;

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
 * <p>On a static field one fake serves every test of the class and of its nested classes, and is
 * closed after the last of them; on an instance field each test gets a fresh fake, closed after it.
 * Tests and lifecycle methods may also take the fake as a {@code FakeOidcIssuer} parameter; with two
 * of these extensions in one class (two issuers) such a parameter is ambiguous and JUnit refuses it,
 * so use the fields.
 *
 * <p>Thread-safe. The testkit declares junit-jupiter-api optional: tests that use this class have it
 * already.
 */
public final class FakeOidcIssuerExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback, ParameterResolver {
    private final FakeLifecycle<FakeOidcIssuer> lifecycle;

    private FakeOidcIssuerExtension(Consumer<FakeOidcIssuer.Builder> customisation) {
        this.lifecycle = new FakeLifecycle<>(FakeOidcIssuer.class, () -> {
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

    /**
     * The running fake.
     *
     * @throws IllegalStateException outside the tests the extension serves
     */
    public FakeOidcIssuer get() {
        return lifecycle.get();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        lifecycle.before(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        lifecycle.before(context);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        lifecycle.after(context);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        lifecycle.after(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return lifecycle.supports(parameter);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return lifecycle.resolve(parameter);
    }
}
