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
 * A JUnit 5 extension that starts a {@link FakeSts} for tests and closes it after them.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final FakeStsExtension sts = FakeStsExtension.create(fake -> fake.identity(ALICE));
 *
 * @Test
 * void verifiesAlice() {
 *     EksTokenVerifier verifier = EksTokenVerifier.builder().clusterId("test")
 *             .stsEndpointOverride(sts.get().endpoint()).build();
 *     ...
 * }
 * }</pre>
 *
 * <p>On a static field one fake serves every test of the class and of its nested classes, and is
 * closed after the last of them; on an instance field each test gets a fresh fake, closed after it.
 * Tests and lifecycle methods may also take the fake as a {@code FakeSts} parameter; with two of
 * these extensions in one class such a parameter is ambiguous and JUnit refuses it, so use the fields.
 *
 * <p>Thread-safe. The testkit declares junit-jupiter-api optional: tests that use this class have it
 * already.
 */
public final class FakeStsExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback, ParameterResolver {
    private final FakeLifecycle<FakeSts> lifecycle;

    private FakeStsExtension(Consumer<FakeSts.Builder> customisation) {
        this.lifecycle = new FakeLifecycle<>(FakeSts.class, () -> {
            FakeSts.Builder builder = FakeSts.builder();
            customisation.accept(builder);
            return builder.build();
        });
    }

    /** Fakes as {@link FakeSts#create()} makes them: the system clock, no identities yet. */
    public static FakeStsExtension create() {
        return new FakeStsExtension(builder -> { });
    }

    /**
     * Fakes built by a {@link FakeSts#builder()} that {@code customisation} has configured. It runs
     * each time a fake starts, so it may use fields that are set after the extension is created.
     */
    public static FakeStsExtension create(Consumer<FakeSts.Builder> customisation) {
        return new FakeStsExtension(Objects.requireNonNull(customisation, "customisation"));
    }

    /**
     * The running fake.
     *
     * @throws IllegalStateException outside the tests the extension serves
     */
    public FakeSts get() {
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
