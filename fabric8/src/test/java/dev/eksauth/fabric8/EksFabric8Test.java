package dev.eksauth.fabric8;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.eksauth.testkit.FakeSts;
import dev.eksauth.token.EksTokenVerifier;
import dev.eksauth.testkit.MutableClock;
import dev.eksauth.testkit.FakeKubernetesApi;
import dev.eksauth.testkit.StsIdentity;
import dev.eksauth.token.CachingTokenSupplier;
import dev.eksauth.token.EksTokenGenerator;
import dev.eksauth.token.TokenGenerationException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

class EksFabric8Test {
    final MutableClock clock = MutableClock.at("2026-11-23T10:00:00Z");
    final FakeSts sts = FakeSts.builder().clock(clock).build();
    final StsIdentity alice = sts.register(StsIdentity.user("123456789012", "alice"));
    final FakeKubernetesApi api = eksApi(sts, clock, alice.arn());
    final List<KubernetesClient> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(KubernetesClient::close);
        api.close();
        sts.close();
    }

    EksFabric8.Builder eks() {
        return EksFabric8.builder().clusterId("prod").endpoint(api.endpoint())
                .certificateAuthorityData(api.certificateAuthorityData())
                .credentialsProvider(alice.credentialsProvider()).region(Region.US_WEST_2).clock(clock);
    }

    KubernetesClient client(Config config) {
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        clients.add(client);
        return client;
    }

    static List<String> namespaces(KubernetesClient client) {
        return client.namespaces().list().getItems().stream().map(HasMetadata::getMetadata)
                .map(m -> m.getName()).toList();
    }

    @Test
    void listsNamespacesWithAValidEksToken() {
        KubernetesClient client = client(eks().build());

        assertThat(namespaces(client)).containsExactly("default", "kube-system");
        assertThat(api.acceptedTokens()).hasSize(1);
        assertThat(api.refused()).isZero();
    }

    @Test
    void sendsANewTokenOnceTheRefreshMarginIsReached() {
        KubernetesClient client = client(eks().build());
        namespaces(client);
        namespaces(client);
        clock.advance(Duration.ofMinutes(13));

        namespaces(client);

        List<String> tokens = api.acceptedTokens();
        assertThat(tokens).hasSize(3);
        assertThat(tokens.get(1)).isEqualTo(tokens.get(0));
        assertThat(tokens.get(2)).isNotEqualTo(tokens.get(0));
        assertThat(api.refused()).isZero();
    }

    @Test
    void aClientIdleLongerThanATokenLivesSendsAFreshOne() {
        KubernetesClient client = client(eks().build());
        namespaces(client);
        clock.advance(Duration.ofHours(3));

        assertThat(namespaces(client)).hasSize(2);
        assertThat(api.acceptedTokens()).hasSize(2).doesNotHaveDuplicates();
        assertThat(api.refused()).isZero();
    }

    @Test
    void concurrentRequestsWhileTheClockMovesNeverCarryAnExpiredToken() throws Exception {
        KubernetesClient client = client(eks().build());
        namespaces(client);
        clock.advance(Duration.ofMinutes(12));
        ExecutorService pool = Executors.newFixedThreadPool(5);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<String>>> results = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            results.add(pool.submit(() -> {
                start.await();
                clock.advance(Duration.ofSeconds(6));
                return namespaces(client);
            }));
        }
        start.countDown();
        for (Future<List<String>> result : results) {
            assertThat(result.get()).containsExactly("default", "kube-system");
        }
        pool.shutdown();

        // From 12 to 17 minutes after the first token: past its refresh (13) and its STS lifetime (15).
        assertThat(api.refused()).isZero();
        assertThat(api.acceptedTokens()).hasSize(51);
        assertThat(new HashSet<>(api.acceptedTokens())).hasSize(2);
    }

    @Test
    void aTokenForAnotherClusterIsRefused() {
        KubernetesClient client = client(eks().clusterId("staging").build());

        assertThatThrownBy(() -> namespaces(client)).isInstanceOf(KubernetesClientException.class)
                .extracting(e -> ((KubernetesClientException) e).getCode()).isEqualTo(401);
        assertThat(api.refused()).isPositive();
        assertThat(api.acceptedTokens()).isEmpty();
    }

    @Test
    void noRequestLeavesWhenNoTokenCanBeGenerated() {
        AwsCredentialsProvider broken = () -> {
            throw new IllegalStateException("no credentials configured");
        };
        KubernetesClient client = client(eks().credentialsProvider(broken).build());

        assertThatThrownBy(() -> namespaces(client)).isInstanceOf(TokenGenerationException.class)
                .hasMessageContaining("no credentials configured");
        assertThat(api.requests()).isZero();
    }

    @Test
    void assumesARoleBeforeSigning() {
        // The SDK's STS client dates AssumeRole by the system clock: this STS and API server use it too.
        try (FakeSts systemSts = FakeSts.create();
                FakeKubernetesApi roleApi = eksApi(systemSts, Clock.systemUTC(), "arn:aws:sts::123456789012:assumed-role/ClusterAdmin/ci-7")) {
            StsIdentity deployer = systemSts.register(StsIdentity.user("123456789012", "deployer"));
            Config config = EksFabric8.builder().clusterId("prod").endpoint(roleApi.endpoint())
                    .certificateAuthorityPem(roleApi.certificateAuthorityPem())
                    .credentialsProvider(deployer.credentialsProvider()).region(Region.US_WEST_2)
                    .roleArn("arn:aws:iam::123456789012:role/ClusterAdmin")
                    .tokenGenerator(g -> g.roleSessionName("ci-7").assumeRoleEndpoint(systemSts.endpoint()))
                    .build();

            assertThat(namespaces(client(config))).hasSize(2);
            assertThat(roleApi.refused()).isZero();
            assertThat(systemSts.requestCount("AssumeRole")).isEqualTo(1);
            ((EksOAuthTokenProvider) config.getOauthTokenProvider()).close();
        }
    }

    @Test
    void readsTheCertificateAuthorityFromAFile(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.crt"), api.certificateAuthorityPem());
        Config config = EksFabric8.builder().clusterId("prod").endpoint(api.endpoint()).certificateAuthorityFile(ca)
                .credentialsProvider(alice.credentialsProvider()).region(Region.US_WEST_2).clock(clock).build();

        assertThat(namespaces(client(config))).hasSize(2);
    }

    @Test
    void aConfigBuilderMadeFromTheConfigKeepsTheTokenProvider() {
        Config config = new ConfigBuilder(eks().build()).withNamespace("apps").withRequestTimeout(30_000).build();

        assertThat(config.getOauthTokenProvider()).isInstanceOf(EksOAuthTokenProvider.class);
        assertThat(namespaces(client(config))).hasSize(2);
        assertThat(api.refused()).isZero();
    }

    @Test
    void theTokenProviderPlugsIntoAConfigOfYourOwn() {
        EksTokenGenerator generator = EksTokenGenerator.builder().clusterId("prod")
                .credentialsProvider(alice.credentialsProvider()).region(Region.US_WEST_2).clock(clock).build();
        CachingTokenSupplier shared = CachingTokenSupplier.create(generator::generate,
                CachingTokenSupplier.DEFAULT_REFRESH_MARGIN, clock);
        Config own = new ConfigBuilder(Config.empty()).withMasterUrl(api.endpoint())
                .withCaCertData(api.certificateAuthorityData())
                .withOauthTokenProvider(EksOAuthTokenProvider.create(shared)).build();
        Config built = EksFabric8.builder().endpoint(api.endpoint())
                .certificateAuthorityData(api.certificateAuthorityData()).tokenSupplier(shared).build();

        namespaces(client(own));
        namespaces(client(built));

        assertThat(api.acceptedTokens()).hasSize(2).containsOnly(shared.get().value());
    }

    @Test
    void theOneLinerTakesCredentialsAndRegionFromTheSdkChains() {
        String[] keys = {"aws.accessKeyId", "aws.secretAccessKey", "aws.region"};
        String[] saved = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            saved[i] = System.getProperty(keys[i]);
        }
        System.setProperty("aws.accessKeyId", alice.accessKeyId());
        System.setProperty("aws.secretAccessKey", alice.secretAccessKey());
        System.setProperty("aws.region", "eu-west-1");
        // The one-liner dates tokens by the system clock, so it needs an STS and an API server on that clock.
        try (FakeSts systemSts = FakeSts.builder().identity(alice).build();
                FakeKubernetesApi systemApi = eksApi(systemSts, Clock.systemUTC(), alice.arn())) {
            Config config = EksFabric8.config("prod", systemApi.endpoint(), systemApi.certificateAuthorityData());

            assertThat(namespaces(client(config))).hasSize(2);
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

    @Test
    void toStringNeverShowsTheToken() {
        Config config = eks().build();
        EksOAuthTokenProvider provider = (EksOAuthTokenProvider) config.getOauthTokenProvider();
        String token = provider.getToken();

        assertThat(provider.toString()).contains("prod").doesNotContain(token.substring(11));
    }

    /** An API server for cluster "prod" that accepts tokens verified as this ARN. */
    static FakeKubernetesApi eksApi(FakeSts sts, Clock clock, String arn) {
        EksTokenVerifier verifier = EksTokenVerifier.builder().clusterId("prod").stsEndpointOverride(sts.endpoint())
                .clock(clock).requestTimeout(Duration.ofSeconds(5)).retryDeadline(Duration.ofSeconds(5)).build();
        return FakeKubernetesApi.create(token -> verifier.verify(token).arn().toString().equals(arn));
    }
}
