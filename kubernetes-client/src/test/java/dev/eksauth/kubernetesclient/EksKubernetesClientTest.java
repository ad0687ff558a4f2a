package dev.eksauth.kubernetesclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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
import io.kubernetes.client.openapi.ApiCallback;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1NamespaceList;
import io.kubernetes.client.util.ClientBuilder;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

class EksKubernetesClientTest {
    final MutableClock clock = MutableClock.at("2026-11-23T10:00:00Z");
    final FakeSts sts = FakeSts.builder().clock(clock).build();
    final StsIdentity alice = sts.register(StsIdentity.user("123456789012", "alice"));
    final FakeKubernetesApi api = eksApi(sts, clock, alice.arn());

    @AfterEach
    void stop() {
        api.close();
        sts.close();
    }

    EksKubernetesClient.Builder eks() {
        return EksKubernetesClient.builder().clusterId("prod").endpoint(api.endpoint())
                .certificateAuthorityData(api.certificateAuthorityData())
                .credentialsProvider(alice.credentialsProvider()).region(Region.US_WEST_2).clock(clock);
    }

    static List<String> namespaces(ApiClient client) throws ApiException {
        return new CoreV1Api(client).listNamespace().execute().getItems().stream()
                .map(V1Namespace::getMetadata).map(m -> m.getName()).toList();
    }

    @Test
    void listsNamespacesWithAValidEksToken() throws Exception {
        ApiClient client = eks().build();

        assertThat(namespaces(client)).containsExactly("default", "kube-system");
        assertThat(api.acceptedTokens()).hasSize(1);
        assertThat(api.refused()).isZero();
    }

    @Test
    void sendsANewTokenOnceTheRefreshMarginIsReached() throws Exception {
        ApiClient client = eks().build();
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
    void aLargerRefreshMarginReplacesTheTokenSooner() throws Exception {
        ApiClient client = eks().refreshMargin(Duration.ofMinutes(5)).build();
        namespaces(client);
        clock.advance(Duration.ofMinutes(9));

        namespaces(client);

        assertThat(api.acceptedTokens()).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void aClientIdleLongerThanATokenLivesSendsAFreshOne() throws Exception {
        ApiClient client = eks().build();
        namespaces(client);
        clock.advance(Duration.ofHours(3));

        assertThat(namespaces(client)).hasSize(2);
        assertThat(api.acceptedTokens()).hasSize(2).doesNotHaveDuplicates();
        assertThat(api.refused()).isZero();
    }

    @Test
    void concurrentRequestsWhileTheClockMovesNeverCarryAnExpiredToken() throws Exception {
        ApiClient client = eks().build();
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
        ApiClient client = eks().clusterId("staging").build();

        assertThatThrownBy(() -> namespaces(client)).isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).getCode()).isEqualTo(401);
        assertThat(api.refused()).isEqualTo(1);
        assertThat(api.acceptedTokens()).isEmpty();
    }

    @Test
    void noRequestLeavesWhenNoTokenCanBeGenerated() {
        AwsCredentialsProvider broken = () -> {
            throw new IllegalStateException("no credentials configured");
        };
        ApiClient client = eks().credentialsProvider(broken).build();

        assertThatThrownBy(() -> namespaces(client)).isInstanceOf(ApiException.class)
                .cause().isInstanceOf(IOException.class)
                .cause().isInstanceOf(TokenGenerationException.class).hasMessageContaining("no credentials configured");
        assertThat(api.requests()).isZero();
    }

    @Test
    void anAsynchronousCallReportsAMissingTokenToItsCallback() throws Exception {
        AwsCredentialsProvider broken = () -> {
            throw new IllegalStateException("no credentials configured");
        };
        ApiClient client = eks().credentialsProvider(broken).build();
        CompletableFuture<ApiException> failure = new CompletableFuture<>();

        new CoreV1Api(client).listNamespace().executeAsync(new ApiCallback<V1NamespaceList>() {
            @Override
            public void onFailure(ApiException e, int statusCode, Map<String, List<String>> headers) {
                failure.complete(e);
            }

            @Override
            public void onSuccess(V1NamespaceList result, int statusCode, Map<String, List<String>> headers) {
                failure.completeExceptionally(new AssertionError("the call succeeded"));
            }

            @Override
            public void onUploadProgress(long bytesWritten, long contentLength, boolean done) {
            }

            @Override
            public void onDownloadProgress(long bytesRead, long contentLength, boolean done) {
            }
        });

        assertThat(failure.get(30, TimeUnit.SECONDS)).hasRootCauseMessage("no credentials configured");
        assertThat(api.requests()).isZero();
    }

    @Test
    void assumesARoleBeforeSigning() throws Exception {
        // The SDK's STS client dates AssumeRole by the system clock: this STS and API server use it too.
        try (FakeSts systemSts = FakeSts.create();
                FakeKubernetesApi roleApi = eksApi(systemSts, Clock.systemUTC(), "arn:aws:sts::123456789012:assumed-role/ClusterAdmin/ci-7")) {
            StsIdentity deployer = systemSts.register(StsIdentity.user("123456789012", "deployer"));
            ApiClient client = EksKubernetesClient.builder().clusterId("prod").endpoint(roleApi.endpoint())
                    .certificateAuthorityPem(roleApi.certificateAuthorityPem())
                    .credentialsProvider(deployer.credentialsProvider()).region(Region.US_WEST_2)
                    .roleArn("arn:aws:iam::123456789012:role/ClusterAdmin")
                    .tokenGenerator(g -> g.roleSessionName("ci-7").assumeRoleEndpoint(systemSts.endpoint()))
                    .build();

            assertThat(namespaces(client)).hasSize(2);
            assertThat(roleApi.refused()).isZero();
            assertThat(systemSts.requestCount("AssumeRole")).isEqualTo(1);
        }
    }

    @Test
    void readsTheCertificateAuthorityFromAFile(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.crt"), api.certificateAuthorityPem());
        ApiClient client = EksKubernetesClient.builder().clusterId("prod").endpoint(api.endpoint())
                .certificateAuthorityFile(ca).credentialsProvider(alice.credentialsProvider())
                .region(Region.US_WEST_2).clock(clock).build();

        assertThat(namespaces(client)).hasSize(2);
    }

    @Test
    void trustsOnlyTheGivenCertificateAuthority() {
        ApiClient client = EksKubernetesClient.builder().clusterId("prod").endpoint(api.endpoint())
                .certificateAuthorityPem(dev.eksauth.testkit.LoopbackCertificate.generate().certificatePem())
                .credentialsProvider(alice.credentialsProvider()).region(Region.US_WEST_2).clock(clock).build();

        assertThatThrownBy(() -> namespaces(client)).isInstanceOf(ApiException.class)
                .hasCauseInstanceOf(javax.net.ssl.SSLHandshakeException.class);
        assertThat(api.requests()).isZero();
    }

    @Test
    void theAuthenticationPlugsIntoAClientBuilderOfYourOwn() throws Exception {
        EksTokenGenerator generator = EksTokenGenerator.builder().clusterId("prod")
                .credentialsProvider(alice.credentialsProvider()).region(Region.US_WEST_2).clock(clock).build();
        CachingTokenSupplier shared = CachingTokenSupplier.create(generator::generate,
                CachingTokenSupplier.DEFAULT_REFRESH_MARGIN, clock);
        ApiClient own = new ClientBuilder().setBasePath(api.endpoint())
                .setCertificateAuthority(api.certificateAuthorityPem().getBytes(StandardCharsets.US_ASCII))
                .setAuthentication(EksAuthentication.create(shared)).build();
        ApiClient built = EksKubernetesClient.builder().endpoint(api.endpoint())
                .certificateAuthorityData(api.certificateAuthorityData()).tokenSupplier(shared).build();

        namespaces(own);
        namespaces(built);

        assertThat(api.acceptedTokens()).hasSize(2).containsOnly(shared.get().value());
    }

    @Test
    void aStaleApiKeyIsOverriddenByTheCurrentToken() throws Exception {
        ApiClient client = eks().build();
        client.setApiKeyPrefix("Bearer");
        client.setApiKey("k8s-aws-v1.stale");

        assertThat(namespaces(client)).hasSize(2);
        assertThat(api.refused()).isZero();
    }

    @Test
    void theOneLinerTakesCredentialsAndRegionFromTheSdkChains() throws Exception {
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
            ApiClient client = EksKubernetesClient.apiClient("prod", systemApi.endpoint(),
                    systemApi.certificateAuthorityData());

            assertThat(namespaces(client)).hasSize(2);
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
        CachingTokenSupplier tokens = CachingTokenSupplier.create(EksTokenGenerator.builder().clusterId("prod")
                .credentialsProvider(alice.credentialsProvider()).region(Region.US_WEST_2).clock(clock).build());
        String token = tokens.get().value();

        assertThat(EksAuthentication.create(tokens).toString()).doesNotContain(token.substring(11));
    }

    /** An API server for cluster "prod" that accepts tokens verified as this ARN. */
    static FakeKubernetesApi eksApi(FakeSts sts, Clock clock, String arn) {
        EksTokenVerifier verifier = EksTokenVerifier.builder().clusterId("prod").stsEndpointOverride(sts.endpoint())
                .clock(clock).requestTimeout(Duration.ofSeconds(5)).retryDeadline(Duration.ofSeconds(5)).build();
        return FakeKubernetesApi.create(token -> verifier.verify(token).arn().toString().equals(arn));
    }
}
