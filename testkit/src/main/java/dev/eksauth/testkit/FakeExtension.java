package dev.eksauth.testkit;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * What the testkit's JUnit 5 extensions share: one fake, started by the first {@code before}
 * callback and closed when every context that entered has left. On a static field JUnit calls
 * {@code beforeAll} first, so the fake lives for the class and its nested classes; on an instance
 * field it calls only {@code beforeEach}, so each test gets its own. Tests and lifecycle methods may
 * take the fake as a parameter of its type; with two extensions of one kind in a class such a
 * parameter is ambiguous and JUnit refuses it, so use the fields.
 *
 * <p>Thread-safe: tests, and classes that inherit one static field, may run in parallel and share
 * the fake. The testkit declares junit-jupiter-api optional: tests that use these classes have it.
 *
 * @param <F> the fake
 */
public abstract sealed class FakeExtension<F extends AutoCloseable>
        implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback, ParameterResolver
        permits FakeStsExtension, FakeOidcIssuerExtension, FakeKubernetesApiExtension, FakeEksExtension {
    private final Class<F> type;
    private final Supplier<F> starter;
    private final Set<String> holders = new HashSet<>();
    private volatile F fake;

    FakeExtension(Class<F> type, Supplier<F> starter) {
        this.type = Objects.requireNonNull(type, "type");
        this.starter = Objects.requireNonNull(starter, "starter");
    }

    /**
     * The running fake.
     *
     * @throws IllegalStateException outside the tests the extension serves
     */
    public F get() {
        F running = fake;
        if (running == null) {
            throw new IllegalStateException("no " + type.getSimpleName() + " is running: its extension starts one "
                    + "before all tests of the class (on a static field) or before each test (on an instance field)");
        }
        return running;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        enter(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        enter(context);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        leave(context);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        leave(context);
    }

    /** True for a parameter of the fake's type. */
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == type;
    }

    /**
     * The running fake, as a parameter.
     *
     * @throws ParameterResolutionException when none is running, e.g. for a test class's constructor
     *         with the extension on an instance field
     */
    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        try {
            return get();
        } catch (IllegalStateException e) {
            throw new ParameterResolutionException("cannot resolve " + parameter.getParameter() + ": " + e.getMessage());
        }
    }

    private synchronized void enter(ExtensionContext context) {
        if (fake == null) {
            fake = starter.get();
        }
        holders.add(context.getUniqueId());
    }

    private synchronized void leave(ExtensionContext context) throws Exception {
        if (holders.remove(context.getUniqueId()) && holders.isEmpty()) {
            F running = fake;
            fake = null;
            running.close();
        }
    }
}
