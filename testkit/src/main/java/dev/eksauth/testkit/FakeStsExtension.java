package dev.eksauth.testkit;

import java.util.Objects;
import java.util.function.Consumer;

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
 * <p>On a static field the fake serves the class, on an instance field each test; see
 * {@link FakeExtension}. Thread-safe.
 */
public final class FakeStsExtension extends FakeExtension<FakeSts> {
    private FakeStsExtension(Consumer<FakeSts.Builder> customisation) {
        super(FakeSts.class, () -> {
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
}
