package dev.eksauth.token.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.eksauth.testkit.FakeKubernetesApi;
import dev.eksauth.testkit.FakeSts;
import dev.eksauth.testkit.LoopbackCertificate;
import dev.eksauth.testkit.MutableClock;
import dev.eksauth.testkit.StsIdentity;
import dev.eksauth.token.CachingTokenSupplier;
import dev.eksauth.token.EksClusterClientBuilder;
import dev.eksauth.token.EksTokenGenerator;
import dev.eksauth.token.EksTokenVerifier;
import dev.eksauth.token.TokenGenerationException;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * What every eksauth Kubernetes client integration must do, checked end to end against the
 * testkit's {@link FakeKubernetesApi}, whose token check is an {@link EksTokenVerifier} asking a
 * {@link FakeSts}: the client sends a valid token, a fresh one once the refresh margin is reached,
 * never an expired one, trusts only the given certificate authority, and sends nothing when no
 * token can be had. An adapter's test extends this class and says how to build its builder and how
 * to make one request with what it built; adapter-specific behaviour stays in the adapter's own tests.
 *
 * @param <B> the adapter's builder type
 * @param <T> what the builder builds
 */
public abstract class EksClusterClientContract<B extends EksClusterClientBuilder<B, T>, T> {
    /** The API server's and STS's clock, and the generator's unless a test says otherwise. */
    protected final MutableClock clock = MutableClock.at("2026-11-23T10:00:00Z");
    private final FakeSts sts = FakeSts.builder().clock(clock).build();
    private final StsIdentity alice = sts.register(StsIdentity.user("123456789012", "alice"));
    /** The API server the requests go to; it accepts tokens of cluster {@code prod} verified as alice. */
    protected final FakeKubernetesApi api = apiServer(sts, clock, alice.arn());

    /**
     * What the client received for {@code GET /api/v1/namespaces}.
     *
     * @param status the HTTP status
     * @param namespaces the names listed on success, else empty
     */
    public record Answer(int status, List<String> namespaces) {
        /** Copies the names. */
        public Answer {
            namespaces = List.copyOf(namespaces);
        }
    }

    /** A new builder of the adapter under test, e.g. {@code EksFabric8.builder()}. */
    protected abstract B builder();

    /**
     * Makes one {@code GET /api/v1/namespaces} request with a client made from what the builder
     * built; calls with the same built object use the same client.
     *
     * @param built what {@link #builder()} built
     * @return what the client received, an error status included
     * @throws Exception when no request could be sent or no answer arrived (no token, a TLS failure)
     */
    protected abstract Answer listNamespaces(T built) throws Exception;

    @AfterEach
    void stopServers() {
        api.close();
        sts.close();
    }

    /** A builder for cluster {@code prod} at the API server, with alice's credentials and the test clock. */
    protected B eks() {
        return builder().clusterId("prod").endpoint(api.endpoint())
                .certificateAuthorityData(api.certificateAuthorityData())
                .credentialsProvider(alice.credentialsProvider()).region(Region.US_WEST_2).clock(clock);
    }

    /** A generator of alice's tokens for cluster {@code prod} on the test clock. */
    protected EksTokenGenerator generator() {
        return EksTokenGenerator.builder().clusterId("prod").credentialsProvider(alice.credentialsProvider())
                .region(Region.US_WEST_2).clock(clock).build();
    }

    private Answer ok(T built) throws Exception {
        Answer answer = listNamespaces(built);
        assertThat(answer).isEqualTo(new Answer(200, List.of("default", "kube-system")));
        return answer;
    }

    @Test
    public void listsNamespacesWithAValidEksToken() throws Exception {
        ok(eks().build());

        assertThat(api.acceptedTokens()).hasSize(1);
        assertThat(api.refused()).isZero();
    }

    @Test
    public void sendsANewTokenOnceTheRefreshMarginIsReached() throws Exception {
        T client = eks().build();
        ok(client);
        ok(client);
        clock.advance(Duration.ofMinutes(13));

        ok(client);

        List<String> tokens = api.acceptedTokens();
        assertThat(tokens).hasSize(3);
        assertThat(tokens.get(1)).isEqualTo(tokens.get(0));
        assertThat(tokens.get(2)).isNotEqualTo(tokens.get(0));
        assertThat(api.refused()).isZero();
    }

    @Test
    public void aLargerRefreshMarginReplacesTheTokenSooner() throws Exception {
        T client = eks().refreshMargin(Duration.ofMinutes(5)).build();
        ok(client);
        clock.advance(Duration.ofMinutes(9));

        ok(client);

        assertThat(api.acceptedTokens()).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    public void aClientIdleLongerThanATokenLivesSendsAFreshOne() throws Exception {
        T client = eks().build();
        ok(client);
        clock.advance(Duration.ofHours(3));

        ok(client);

        assertThat(api.acceptedTokens()).hasSize(2).doesNotHaveDuplicates();
        assertThat(api.refused()).isZero();
    }

    /**
     * Ten rounds of five concurrent requests take the clock from 12 to 17 minutes after the first
     * token: past its refresh (13) and its lifetime at STS (15). Between rounds the clock jumps; within
     * a round each request moves it by a second, so it moves by at most five seconds while a request is
     * under way, as real time would, and far less than the refresh margin (a minute) that covers a
     * token's trip to the server. (When the clock moved by minutes while requests were under way, a
     * token handed out as valid could reach the server after it expired.)
     */
    @Test
    public void concurrentRequestsWhileTheClockMovesNeverCarryAnExpiredToken() throws Exception {
        T client = eks().build();
        ok(client);
        clock.advance(Duration.ofMinutes(12));
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            for (int round = 0; round < 10; round++) {
                List<Callable<Answer>> requests = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    requests.add(() -> {
                        clock.advance(Duration.ofSeconds(1));
                        return listNamespaces(client);
                    });
                }
                for (Future<Answer> answer : pool.invokeAll(requests)) {
                    assertThat(answer.get().status()).isEqualTo(200);
                }
                clock.advance(Duration.ofSeconds(25));
            }
        } finally {
            pool.shutdown();
        }

        assertThat(api.refused()).isZero();
        assertThat(api.acceptedTokens()).hasSize(51);
        assertThat(new HashSet<>(api.acceptedTokens())).hasSize(2);
    }

    @Test
    public void aTokenForAnotherClusterIsRefused() throws Exception {
        Answer answer = listNamespaces(eks().clusterId("staging").build());

        assertThat(answer.status()).isEqualTo(401);
        assertThat(api.refused()).isPositive();
        assertThat(api.acceptedTokens()).isEmpty();
    }

    @Test
    public void noRequestLeavesWhenNoTokenCanBeGenerated() {
        AwsCredentialsProvider broken = () -> {
            throw new IllegalStateException("no credentials configured");
        };
        T client = eks().credentialsProvider(broken).build();

        assertThatThrownBy(() -> listNamespaces(client)).satisfies(e -> assertThat(causes(e))
                .anyMatch(TokenGenerationException.class::isInstance)).hasRootCauseMessage("no credentials configured");
        assertThat(api.requests()).isZero();
    }

    @Test
    public void trustsOnlyTheGivenCertificateAuthority() {
        T client = builder().clusterId("prod").endpoint(api.endpoint())
                .certificateAuthorityPem(LoopbackCertificate.generate().certificatePem())
                .credentialsProvider(alice.credentialsProvider()).region(Region.US_WEST_2).clock(clock).build();

        assertThatThrownBy(() -> listNamespaces(client)).satisfies(e -> assertThat(causes(e))
                .anyMatch(javax.net.ssl.SSLException.class::isInstance));
        assertThat(api.requests()).isZero();
    }

    @Test
    public void readsTheCertificateAuthorityFromAFile(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.crt"), api.certificateAuthorityPem());

        ok(builder().clusterId("prod").endpoint(api.endpoint()).certificateAuthorityFile(ca)
                .credentialsProvider(alice.credentialsProvider()).region(Region.US_WEST_2).clock(clock).build());
    }

    @Test
    public void aTokenSupplierOfYoursIsAskedForEveryRequest() throws Exception {
        CachingTokenSupplier shared = CachingTokenSupplier.builder().tokenSource(generator()::generate).clock(clock)
                .build();
        T client = builder().endpoint(api.endpoint()).certificateAuthorityData(api.certificateAuthorityData())
                .tokenSupplier(shared).build();
        ok(client);
        clock.advance(Duration.ofMinutes(13));

        ok(client);

        assertThat(api.acceptedTokens()).hasSize(2).doesNotHaveDuplicates().endsWith(shared.get().value());
    }

    @Test
    public void assumesARoleBeforeSigning() throws Exception {
        // The SDK's STS client dates AssumeRole by the system clock: this STS and API server use it too.
        try (FakeSts systemSts = FakeSts.create();
                FakeKubernetesApi roleApi = apiServer(systemSts, Clock.systemUTC(),
                        "arn:aws:sts::123456789012:assumed-role/ClusterAdmin/ci-7")) {
            StsIdentity deployer = systemSts.register(StsIdentity.user("123456789012", "deployer"));
            T client = builder().clusterId("prod").endpoint(roleApi.endpoint())
                    .certificateAuthorityPem(roleApi.certificateAuthorityPem())
                    .credentialsProvider(deployer.credentialsProvider()).region(Region.US_WEST_2)
                    .roleArn("arn:aws:iam::123456789012:role/ClusterAdmin")
                    .tokenGenerator(g -> g.roleSessionName("ci-7").assumeRoleEndpoint(systemSts.endpoint()))
                    .build();

            ok(client);

            assertThat(roleApi.refused()).isZero();
            assertThat(systemSts.requestCount("AssumeRole")).isEqualTo(1);
        }
    }

    @Test
    public void theDefaultsTakeCredentialsAndRegionFromTheSdkChains() throws Exception {
        String[] keys = {"aws.accessKeyId", "aws.secretAccessKey", "aws.region"};
        String[] saved = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            saved[i] = System.getProperty(keys[i]);
        }
        System.setProperty("aws.accessKeyId", alice.accessKeyId());
        System.setProperty("aws.secretAccessKey", alice.secretAccessKey());
        System.setProperty("aws.region", "eu-west-1");
        // Without a clock tokens are dated by the system clock, so this needs an STS and an API server on it.
        try (FakeSts systemSts = FakeSts.builder().identity(alice).build();
                FakeKubernetesApi systemApi = apiServer(systemSts, Clock.systemUTC(), alice.arn())) {
            ok(builder().clusterId("prod").endpoint(systemApi.endpoint())
                    .certificateAuthorityData(systemApi.certificateAuthorityData()).build());

            assertThat(systemApi.refused()).isZero();
        } finally {
            for (int i = 0; i < keys.length; i++) {
                if (saved[i] == null) {
                    System.clearProperty(keys[i]);
                } else {
                    System.setProperty(keys[i], saved[i]);
                }
            }
        }
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    /** An API server for cluster {@code prod} that accepts tokens verified as this ARN. */
    private static FakeKubernetesApi apiServer(FakeSts sts, Clock clock, String arn) {
        EksTokenVerifier verifier = EksTokenVerifier.builder().clusterId("prod").stsEndpointOverride(sts.endpoint())
                .clock(clock).build();
        return FakeKubernetesApi.create(token -> Objects.equals(verifier.verify(token).arn().toString(), arn));
    }
}
