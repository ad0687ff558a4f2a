package dev.eksauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Runs sample test classes that use the extensions, as a user's build would, and checks what
 * their tests saw and that every fake is closed once they are done.
 */
class FakeExtensionsTest {
    /** The ports of the fakes one sample test saw. */
    record Seen(int sts, int issuer, int api) {
        static Seen of(FakeSts sts, FakeOidcIssuer issuer, FakeKubernetesApi api) {
            return new Seen(sts.endpoint().getPort(), issuer.issuer().getPort(),
                    api.endpoint().getPort());
        }

        Stream<Integer> ports() {
            return Stream.of(sts, issuer, api);
        }
    }

    @Test
    void onStaticFieldsOneSetOfFakesServesTheClassAndItsNestedClassesAndIsClosedAfterThem() throws Exception {
        ClassWideSample.SEEN.clear();

        assertPassed(run(ClassWideSample.class), 4);

        assertThat(ClassWideSample.SEEN).hasSize(4).containsOnly(ClassWideSample.SEEN.get(0));
        assertClosed(ClassWideSample.SEEN);
    }

    @Test
    void onInstanceFieldsEachTestGetsItsOwnFakesClosedAfterIt() throws Exception {
        PerTestSample.SEEN.clear();

        assertPassed(run(PerTestSample.class), 2);

        assertThat(PerTestSample.SEEN).hasSize(2);
        assertThat(PerTestSample.SEEN.stream().flatMap(Seen::ports)).doesNotHaveDuplicates();
        assertClosed(PerTestSample.SEEN);
    }

    @Nested
    class OutsideTheTestsTheyServe {
        @Test
        void anExtensionHasNoFakeToGive() {
            assertThatThrownBy(() -> FakeStsExtension.create().get()).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("no FakeSts is running");
            assertThatThrownBy(() -> FakeOidcIssuerExtension.create().get()).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("no FakeOidcIssuer is running");
            assertThatThrownBy(() -> FakeKubernetesApiExtension.create(token -> true).get())
                    .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("no FakeKubernetesApi is running");
        }
    }

    static TestExecutionSummary run(Class<?> sample) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(sample))
                .filters(EngineFilter.includeEngines("junit-jupiter")).build(), listener);
        return listener.getSummary();
    }

    static void assertPassed(TestExecutionSummary summary, int tests) {
        assertThat(summary.getFailures()).extracting(failure -> failure.getTestIdentifier().getDisplayName() + ": "
                + failure.getException()).isEmpty();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(tests);
    }

    static void assertClosed(List<Seen> seen) throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        for (int port : seen.stream().flatMap(Seen::ports).distinct().toList()) {
            assertThatThrownBy(() -> new Socket(loopback, port).close()).as("port %d", port)
                    .isInstanceOf(ConnectException.class);
        }
    }

    /** Runs only through {@link #run}: surefire leaves nested classes out. */
    static class ClassWideSample {
        static final List<Seen> SEEN = new CopyOnWriteArrayList<>();
        static final StsIdentity ALICE = StsIdentity.user("123456789012", "alice");

        @RegisterExtension
        static final FakeStsExtension STS = FakeStsExtension.create(fake -> fake.identity(ALICE));
        @RegisterExtension
        static final FakeOidcIssuerExtension ISSUER = FakeOidcIssuerExtension.create(fake -> fake.path("/tenant"));
        @RegisterExtension
        static final FakeKubernetesApiExtension API = FakeKubernetesApiExtension.create(token -> true);

        static FakeSts fromBeforeAll;

        @BeforeAll
        static void keep(FakeSts sts) {
            fromBeforeAll = sts;
        }

        @Test
        void theFakesRunWithTheirCustomisation() {
            try (StsClient client = StsClient.builder().endpointOverride(STS.get().endpoint()).region(Region.US_EAST_1)
                    .credentialsProvider(ALICE.credentialsProvider()).httpClient(UrlConnectionHttpClient.create()).build()) {
                assertThat(client.getCallerIdentity().arn()).isEqualTo(ALICE.arn());
            }
            assertThat(ISSUER.get().issuer().toString()).endsWith("/tenant");
            SEEN.add(Seen.of(STS.get(), ISSUER.get(), API.get()));
        }

        @Test
        void testsAndLifecycleMethodsMayTakeTheFakesAsParameters(FakeSts sts, FakeOidcIssuer issuer, FakeKubernetesApi api) {
            assertThat(sts).isSameAs(STS.get()).isSameAs(fromBeforeAll);
            assertThat(issuer).isSameAs(ISSUER.get());
            assertThat(api).isSameAs(API.get());
            SEEN.add(Seen.of(sts, issuer, api));
        }

        @Nested
        class NestedClasses {
            @Test
            void shareTheFakesOfTheirOuterClass() {
                SEEN.add(Seen.of(STS.get(), ISSUER.get(), API.get()));
            }

            @Test
            void shareThemAgain() {
                SEEN.add(Seen.of(STS.get(), ISSUER.get(), API.get()));
            }
        }
    }

    /** Runs only through {@link #run}: surefire leaves nested classes out. */
    static class PerTestSample {
        static final List<Seen> SEEN = new CopyOnWriteArrayList<>();

        @RegisterExtension
        final FakeStsExtension sts = FakeStsExtension.create();
        @RegisterExtension
        final FakeOidcIssuerExtension issuer = FakeOidcIssuerExtension.create();
        @RegisterExtension
        final FakeKubernetesApiExtension api = FakeKubernetesApiExtension.create(token -> true);

        FakeSts fromBeforeEach;

        @BeforeEach
        void keep(FakeSts fake) {
            fromBeforeEach = fake;
        }

        @Test
        void first(FakeSts parameter) {
            assertThat(parameter).isSameAs(sts.get()).isSameAs(fromBeforeEach);
            SEEN.add(Seen.of(sts.get(), issuer.get(), api.get()));
        }

        @Test
        void second() {
            SEEN.add(Seen.of(sts.get(), issuer.get(), api.get()));
        }
    }
}
