package dev.eksauth.testkit;

import java.util.Objects;
import java.util.function.Predicate;

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
 * <p>On a static field the fake serves the class, on an instance field each test; see
 * {@link FakeExtension}. Thread-safe.
 */
public final class FakeKubernetesApiExtension extends FakeExtension<FakeKubernetesApi> {
    private FakeKubernetesApiExtension(Predicate<String> tokenCheck) {
        super(FakeKubernetesApi.class, () -> FakeKubernetesApi.create(tokenCheck));
    }

    /** Servers as {@link FakeKubernetesApi#create(Predicate)} makes them, with this token check. */
    public static FakeKubernetesApiExtension create(Predicate<String> tokenCheck) {
        return new FakeKubernetesApiExtension(Objects.requireNonNull(tokenCheck, "tokenCheck"));
    }
}
