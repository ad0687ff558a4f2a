package dev.eksauth.testkit;

/**
 * A JUnit 5 extension that starts a {@link FakeEks} for tests and closes it after them.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final FakeEksExtension eks = FakeEksExtension.create();
 *
 * @Test
 * void describesProd() {
 *     StsIdentity admin = eks.get().register(StsIdentity.user("123456789012", "admin"));
 *     eks.get().addCluster("prod");
 *     ...
 * }
 * }</pre>
 *
 * <p>On a static field the fake serves the class, on an instance field each test; see
 * {@link FakeExtension}. Thread-safe.
 */
public final class FakeEksExtension extends FakeExtension<FakeEks> {
    private FakeEksExtension() {
        super(FakeEks.class, FakeEks::create);
    }

    /** Fakes as {@link FakeEks#create()} makes them: no clusters and no credentials yet. */
    public static FakeEksExtension create() {
        return new FakeEksExtension();
    }
}
