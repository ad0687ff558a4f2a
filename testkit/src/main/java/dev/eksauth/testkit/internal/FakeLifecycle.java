package dev.eksauth.testkit.internal;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/**
 * What the testkit's JUnit 5 extensions share: one fake, started by the first {@code before}
 * callback and closed when every context that entered has left. On a static field JUnit calls
 * {@code beforeAll} first, so the fake lives for the class and its nested classes; on an instance
 * field it calls only {@code beforeEach}, so each test gets its own.
 *
 * <p>Thread-safe: tests, and classes that inherit one static field, may run in parallel and share
 * the fake.
 *
 * @param <F> the fake
 */
public final class FakeLifecycle<F extends AutoCloseable> {
    private final Class<F> type;
    private final Supplier<F> starter;
    private final Set<String> holders = new HashSet<>();
    private volatile F fake;

    /**
     * A lifecycle that starts fakes with {@code starter}.
     *
     * @param type the fake's class, for parameter resolution and messages
     */
    public FakeLifecycle(Class<F> type, Supplier<F> starter) {
        this.type = Objects.requireNonNull(type, "type");
        this.starter = Objects.requireNonNull(starter, "starter");
    }

    /** For {@code beforeAll} and {@code beforeEach}: the context holds the fake, started unless running. */
    public synchronized void before(ExtensionContext context) {
        if (fake == null) {
            fake = starter.get();
        }
        holders.add(context.getUniqueId());
    }

    /** For {@code afterEach} and {@code afterAll}: the context lets go; the last to leave closes the fake. */
    public synchronized void after(ExtensionContext context) throws Exception {
        if (holders.remove(context.getUniqueId()) && holders.isEmpty()) {
            F running = fake;
            fake = null;
            running.close();
        }
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

    /** True for a parameter of the fake's type. */
    public boolean supports(ParameterContext parameter) {
        return parameter.getParameter().getType() == type;
    }

    /**
     * The running fake, as a parameter.
     *
     * @throws ParameterResolutionException when none is running, e.g. for a test class's constructor
     *         with the extension on an instance field
     */
    public F resolve(ParameterContext parameter) {
        try {
            return get();
        } catch (IllegalStateException e) {
            throw new ParameterResolutionException("cannot resolve " + parameter.getParameter() + ": " + e.getMessage());
        }
    }
}
