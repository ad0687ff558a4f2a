package dev.eksauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.StsException;

class FakeStsTest {
    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    final AtomicReference<Instant> now = new AtomicReference<>(NOW);
    final FakeSts sts = FakeSts.builder().clock(new Clock() {
        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }).build();
    final StsIdentity alice = sts.register(StsIdentity.user("123456789012", "alice"));
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() {
        sts.close();
    }

    /** A presigned GetCallerIdentity as EKS tokens carry it, signed for the real regional host. */
    static URI presign(AwsCredentials credentials, String clusterId, Instant at, boolean signPayload) {
        SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.GET)
                .uri(URI.create("https://sts.us-west-2.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15"))
                .putHeader("x-k8s-aws-id", clusterId).build();
        return AwsV4HttpSigner.create().sign(r -> r.identity(credentials).request(request)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sts")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-west-2")
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofSeconds(60))
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, signPayload)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC))).request().getUri();
    }

    HttpResponse<String> send(URI presigned, String clusterId, boolean json) throws Exception {
        URI target = URI.create(sts.endpoint() + "/?" + presigned.getRawQuery());
        HttpRequest.Builder request = HttpRequest.newBuilder(target).header("x-k8s-aws-id", clusterId)
                .timeout(Duration.ofSeconds(5));
        if (json) {
            request.header("Accept", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Nested
    class Listening {
        @Test
        void listensOnTheLoopbackPortItIsGiven() throws Exception {
            int port;
            try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
                port = free.getLocalPort();
            }
            try (FakeSts fixed = FakeSts.builder().port(port).identity(alice).build()) {
                assertThat(fixed.endpoint().getPort()).isEqualTo(port);
                URI presigned = presign(alice.credentials(), "prod", Instant.now(), true);
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create(fixed.endpoint() + "/?" + presigned.getRawQuery()))
                        .header("x-k8s-aws-id", "prod").header("Accept", "application/json").build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
            }
        }

        @Test
        void aPortInUseFailsWithThePortInTheMessage() {
            int taken = sts.endpoint().getPort();
            assertThatThrownBy(() -> FakeSts.builder().port(taken).build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining(String.valueOf(taken));
        }

        @Test
        void aPortOutOfRangeIsRefused() {
            assertThatThrownBy(() -> FakeSts.builder().port(65536)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class GetCallerIdentity {
        @Test
        void answersAPresignedRequestWithTheIdentityInJson() throws Exception {
            HttpResponse<String> r = send(presign(alice.credentials(), "prod", NOW, true), "prod", true);

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"GetCallerIdentityResult\"", "\"Arn\":\"" + alice.arn() + "\"",
                    "\"UserId\":\"" + alice.userId() + "\"", "\"Account\":\"123456789012\"");
            assertThat(sts.requestCount("GetCallerIdentity")).isEqualTo(1);
        }

        @Test
        void answersInXmlWhenJsonIsNotAsked() throws Exception {
            HttpResponse<String> r = send(presign(alice.credentials(), "prod", NOW, true), "prod", false);

            assertThat(r.body()).contains("<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">",
                    "<Arn>" + alice.arn() + "</Arn>");
        }

        @Test
        void acceptsTemporaryCredentialsWithTheirSessionToken() throws Exception {
            StsIdentity role = sts.register(StsIdentity.assumedRole("123456789012", "Admin", "bob"));

            HttpResponse<String> r = send(presign(role.credentials(), "prod", NOW, true), "prod", true);

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("assumed-role/Admin/bob");
        }
    }

    @Nested
    class Refusals {
        String code(HttpResponse<String> r) {
            return r.statusCode() + " " + r.body().replaceAll("(?s).*<Code>([^<]*)</Code>.*", "$1");
        }

        @Test
        void aWrongSecretDoesNotMatch() throws Exception {
            AwsCredentials wrong = AwsBasicCredentials.create(alice.accessKeyId(), "not-the-secret");

            assertThat(code(send(presign(wrong, "prod", NOW, true), "prod", false))).isEqualTo("403 SignatureDoesNotMatch");
        }

        @Test
        void anotherClusterIdAtRequestTimeDoesNotMatch() throws Exception {
            assertThat(code(send(presign(alice.credentials(), "prod", NOW, true), "staging", false)))
                    .isEqualTo("403 SignatureDoesNotMatch");
        }

        @Test
        void anUnsignedPayloadDoesNotMatch() throws Exception {
            assertThat(code(send(presign(alice.credentials(), "prod", NOW, false), "prod", false)))
                    .isEqualTo("403 SignatureDoesNotMatch");
        }

        @Test
        void anUnknownKeyOrAMissingSessionTokenIsAnInvalidClientTokenId() throws Exception {
            AwsCredentials stranger = AwsBasicCredentials.create("AKIASTRANGER", "secret");
            StsIdentity role = sts.register(StsIdentity.assumedRole("123456789012", "Admin", "bob"));
            AwsCredentials noToken = AwsBasicCredentials.create(role.accessKeyId(), role.secretAccessKey());

            assertThat(code(send(presign(stranger, "prod", NOW, true), "prod", false))).isEqualTo("403 InvalidClientTokenId");
            assertThat(code(send(presign(noToken, "prod", NOW, true), "prod", false))).isEqualTo("403 InvalidClientTokenId");
        }

        @Test
        void aSignatureOlderThanFifteenMinutesHasExpired() throws Exception {
            URI presigned = presign(alice.credentials(), "prod", NOW, true);
            now.set(NOW.plus(Duration.ofMinutes(16)));

            HttpResponse<String> r = send(presigned, "prod", true);

            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.body()).contains("\"Code\":\"SignatureDoesNotMatch\"", "Signature expired");
        }

        @Test
        void anUnknownActionIsABadRequest() throws Exception {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sts.endpoint() + "/?Action=Nope")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(code(r)).isEqualTo("400 InvalidAction");
        }
    }

    @Nested
    class Faults {
        @Test
        void throttlingThenSuccess() throws Exception {
            sts.throttleNext(2);
            URI presigned = presign(alice.credentials(), "prod", NOW, true);

            assertThat(send(presigned, "prod", false).body()).contains("<Code>Throttling</Code>", "Rate exceeded");
            assertThat(send(presigned, "prod", false).statusCode()).isEqualTo(400);
            assertThat(send(presigned, "prod", false).statusCode()).isEqualTo(200);
            assertThat(sts.requestCount()).isEqualTo(3);
        }

        @Test
        void serverErrors() throws Exception {
            sts.failNext(1, 503);
            URI presigned = presign(alice.credentials(), "prod", NOW, true);

            assertThat(send(presigned, "prod", false).statusCode()).isEqualTo(503);
            assertThat(send(presigned, "prod", false).statusCode()).isEqualTo(200);
        }

        @Test
        void droppedConnections() {
            sts.dropNext(3); // the JDK client retries a GET once on a closed connection
            URI presigned = presign(alice.credentials(), "prod", NOW, true);

            assertThatThrownBy(() -> send(presigned, "prod", false)).isInstanceOf(IOException.class);
        }

        @Test
        void delaysOutlastAShortClientTimeout() {
            sts.delayResponses(Duration.ofSeconds(2));
            URI target = URI.create(sts.endpoint() + "/?" + presign(alice.credentials(), "prod", NOW, true).getRawQuery());

            assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(target).timeout(Duration.ofMillis(200)).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(HttpTimeoutException.class);
        }

        @Test
        void resetClearsFaultsAndCounters() throws Exception {
            sts.throttleNext(5);
            sts.reset();

            assertThat(send(presign(alice.credentials(), "prod", NOW, true), "prod", false).statusCode()).isEqualTo(200);
            assertThat(sts.requestCount()).isEqualTo(1);
        }
    }

    @Nested
    class TheSdksOwnClient {
        final Instant realNow = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

        @org.junit.jupiter.api.BeforeEach
        void useTheRealTimeTheSdkSignsWith() {
            now.set(realNow);
        }

        StsClient client(AwsCredentials credentials) {
            return StsClient.builder().endpointOverride(sts.endpoint()).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(credentials))
                    .httpClient(UrlConnectionHttpClient.create()).build();
        }

        @Test
        void getsTheCallerIdentity() {
            try (StsClient client = client(alice.credentials())) {
                assertThat(client.getCallerIdentity().arn()).isEqualTo(alice.arn());
            }
        }

        @Test
        void isRefusedWithAWrongSecret() {
            try (StsClient client = client(AwsBasicCredentials.create(alice.accessKeyId(), "wrong"))) {
                assertThatThrownBy(client::getCallerIdentity).isInstanceOfSatisfying(StsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch"));
            }
        }

        @Test
        void assumesARoleWhoseCredentialsThenSignRequests() {
            try (StsClient client = client(alice.credentials());
                    StsAssumeRoleCredentialsProvider provider = StsAssumeRoleCredentialsProvider.builder().stsClient(client)
                            .refreshRequest(r -> r.roleArn("arn:aws:iam::123456789012:role/Deployer").roleSessionName("ci")
                                    .externalId("ext-1"))
                            .build()) {
                AwsCredentials assumed = provider.resolveCredentials();

                assertThat(assumed).isInstanceOf(AwsSessionCredentials.class);
                assertThat(sts.externalIds()).containsExactly("ext-1");
                try (StsClient asRole = client(assumed)) {
                    assertThat(asRole.getCallerIdentity().arn())
                            .isEqualTo("arn:aws:sts::123456789012:assumed-role/Deployer/ci");
                }
            }
        }

        @Test
        void exchangesAWebIdentityToken() {
            try (StsClient client = client(AwsBasicCredentials.create("unused", "unused"))) {
                var answer = client.assumeRoleWithWebIdentity(r -> r.roleArn("arn:aws:iam::123456789012:role/Pod")
                        .roleSessionName("pod").webIdentityToken("header.payload.signature"));

                assertThat(answer.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/Pod/pod");
                assertThat(answer.credentials().expiration()).isEqualTo(realNow.plus(Duration.ofHours(1)));
                assertThat(sts.webIdentityTokens()).containsExactly("header.payload.signature");
            }
        }
    }

    @Test
    void identitiesNeverShowTheirSecrets() {
        StsIdentity role = StsIdentity.assumedRole("123456789012", "Admin", "bob");

        assertThat(role.toString()).doesNotContain(role.secretAccessKey(), role.sessionToken().get())
                .contains(role.accessKeyId());
    }
}
