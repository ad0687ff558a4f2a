package dev.eksauth.testkit;

import java.util.Objects;
import java.util.function.Predicate;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import dev.eksauth.testkit.internal.FakeLifecycle;

/**
 * A JUnit 5 extension that starts a {@link FakeKubernetesApi} for tests and closes it after them.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final FakeStsExtension sts = FakeStsExtension.create(fake -> fake.identity(ALICE));
 * @RegisterExtension
 * static final FakeKubernetesApiExtension api = FakeKubernetesApiExtension.create(
 *         token -> verifier().verify(token) != null);
 * }</pre>
 *
 * <p>The token check runs for each request (an exception from it is a refusal), so it may reach
 * fakes that start after the extension is created, as {@code verifier()} above builds a verifier
 * against {@code sts.get()}.
 *
 * <p>On a static field one server serves every test of the class and of its nested classes, and is
 * closed after the last of them; on an instance field each test gets a fresh server, closed after
 * it. Tests and lifecycle methods may also take the server as a {@code FakeKubernetesApi}
 * parameter; with two of these extensions in one class such a parameter is ambiguous and JUnit
 * refuses it, so use the fields.
 *
 * <p>Thread-safe. The testkit declares junit-jupiter-api optional: tests that use this class have it
 * already.
 */
public final class FakeKubernetesApiExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback, ParameterResolver {
    private final FakeLifecycle<FakeKubernetesApi> lifecycle;

    private FakeKubernetesApiExtension(Predicate<String> tokenCheck) {
        this.lifecycle = new FakeLifecycle<>(FakeKubernetesApi.class, () -> FakeKubernetesApi.create(tokenCheck));
    }

    /** Servers as {@link FakeKubernetesApi#create(Predicate)} makes them, with this token check. */
    public static FakeKubernetesApiExtension create(Predicate<String> tokenCheck) {
        return new FakeKubernetesApiExtension(Objects.requireNonNull(tokenCheck, "tokenCheck"));
    }

    /**
     * The running server.
     *
     * @throws IllegalStateException outside the tests the extension serves
     */
    public FakeKubernetesApi get() {
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
