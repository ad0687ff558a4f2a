package dev.eksauth.webidentity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.eksauth.core.SettingChecks;
import dev.eksauth.webidentity.InvalidWebIdentityException.Reason;
import dev.eksauth.webidentity.WebIdentityCredentialsProvider.Builder;
import dev.eksauth.testkit.FakeSts;
import dev.eksauth.testkit.FakeStsExtension;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

class WebIdentityCredentialsProviderTest {
    static final String ROLE = "arn:aws:iam::123456789012:role/checkout";
    static final String FIRST = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJmaXJzdCJ9.Zmlyc3Qtc2lnbmF0dXJl";
    static final String SECOND = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzZWNvbmQifQ.c2Vjb25kLXNpZ25hdHVyZQ";

    /** Credentials of this fake STS last an hour. */
    @RegisterExtension
    final FakeStsExtension sts = FakeStsExtension.create(fake -> fake.credentialLifetime(Duration.ofHours(1))
            .webIdentityTokenValidator(token -> token.startsWith("eyJ")));

    @TempDir
    Path dir;

    WebIdentityCredentialsProvider.Builder provider(Path tokenFile) {
        return WebIdentityCredentialsProvider.builder().tokenFile(tokenFile).roleArn(ROLE)
                .roleSessionName("checkout-pod").region(Region.US_WEST_2).stsEndpointOverride(sts.get().endpoint());
    }

    Path tokenFile(String content) throws IOException {
        return Files.writeString(dir.resolve("token"), content);
    }

    long stsCalls() {
        return sts.get().requestCount("AssumeRoleWithWebIdentity");
    }

    @Nested
    class Refreshing {
        @Test
        void manyResolvesOfFreshCredentialsCauseOneStsCall() throws Exception {
            try (WebIdentityCredentialsProvider credentials = provider(tokenFile(FIRST + "\n")).build()) {
                AwsCredentials first = credentials.resolveCredentials();
                ExecutorService pool = Executors.newFixedThreadPool(8);
                List<Future<AwsCredentials>> resolved = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    resolved.add(pool.submit(credentials::resolveCredentials));
                }
                for (Future<AwsCredentials> f : resolved) {
                    assertThat(f.get()).isSameAs(first);
                }
                pool.shutdown();

                assertThat(stsCalls()).isEqualTo(1);
                assertThat(sts.get().webIdentityTokens()).containsExactly(FIRST);
            }
        }

        @Test
        void aTokenTheKubeletRotatedIsSentOnTheNextRefresh() throws IOException {
            Path file = tokenFile(FIRST + "\n");
            // Prefetch time = credential lifetime: credentials are due for a refresh ahead of expiry as
            // soon as they arrive, while staying an hour short of stale, so each resolve refreshes them.
            try (WebIdentityCredentialsProvider credentials = provider(file).prefetchTime(Duration.ofHours(1))
                    .staleTime(Duration.ofMinutes(59)).build()) {
                AwsCredentials before = credentials.resolveCredentials();

                Files.writeString(file, SECOND + "\n");
                AwsCredentials after = credentials.resolveCredentials();

                assertThat(sts.get().webIdentityTokens()).containsExactly(FIRST, SECOND);
                assertThat(after.accessKeyId()).isNotEqualTo(before.accessKeyId());
            }
        }

        @Test
        void aTokenFileMissingDuringAnEarlyRefreshKeepsTheCurrentCredentials() throws IOException {
            Path file = tokenFile(FIRST);
            try (WebIdentityCredentialsProvider credentials = provider(file).prefetchTime(Duration.ofHours(1))
                    .staleTime(Duration.ofMinutes(59)).build()) {
                AwsCredentials current = credentials.resolveCredentials();

                Files.delete(file);

                assertThat(credentials.resolveCredentials()).isSameAs(current);
                assertThat(stsCalls()).isEqualTo(1);
            }
        }

        @Test
        void theSessionCredentialsCarryTheirExpiry() throws IOException {
            try (WebIdentityCredentialsProvider credentials = provider(tokenFile(FIRST)).build()) {
                AwsCredentials resolved = credentials.resolveCredentials();

                assertThat(resolved).isInstanceOfSatisfying(AwsSessionCredentials.class,
                        s -> assertThat(s.sessionToken()).isNotBlank());
                assertThat(resolved.expirationTime()).isPresent();
            }
        }
    }

    @Nested
    class Failing {
        @Test
        void aMissingTokenFileNamesThePathAndCallsNoSts() {
            Path file = dir.resolve("absent");
            try (WebIdentityCredentialsProvider credentials = provider(file).build()) {
                assertThatThrownBy(credentials::resolveCredentials)
                        .isInstanceOfSatisfying(InvalidWebIdentityException.class,
                                e -> assertThat(e.reason()).isEqualTo(Reason.TOKEN_UNREADABLE))
                        .hasMessageContaining(file.toString());
                assertThat(sts.get().requestCount()).isZero();
            }
        }

        @Test
        void anEmptyTokenFileNamesThePathAndCallsNoSts() throws IOException {
            Path file = tokenFile("");
            try (WebIdentityCredentialsProvider credentials = provider(file).build()) {
                assertThatThrownBy(credentials::resolveCredentials)
                        .isInstanceOfSatisfying(InvalidWebIdentityException.class,
                                e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_TOKEN))
                        .hasMessageContaining(file.toString());
                assertThat(sts.get().requestCount()).isZero();
            }
        }

        @Test
        void anUnreadableTokenFileNamesThePath() {
            try (WebIdentityCredentialsProvider credentials = provider(dir).build()) {
                assertThatThrownBy(credentials::resolveCredentials)
                        .isInstanceOfSatisfying(InvalidWebIdentityException.class,
                                e -> assertThat(e.reason()).isEqualTo(Reason.TOKEN_UNREADABLE))
                        .hasMessageContaining(dir.toString());
            }
        }

        @Test
        void aTokenStsRefusesIsRejectedWithTheCodeAndRoleButNotTheToken() throws IOException {
            String refused = "not-a-jwt.but-secret-all-the-same.signature";
            try (WebIdentityCredentialsProvider credentials = provider(tokenFile(refused)).build()) {
                Throwable thrown = catchThrowable(credentials::resolveCredentials);

                assertThat(thrown).isInstanceOfSatisfying(InvalidWebIdentityException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.STS_REJECTED);
                    assertThat(e.stsErrorCode()).contains("InvalidIdentityToken");
                }).hasMessageContaining("InvalidIdentityToken").hasMessageContaining(ROLE).hasMessageContaining("HTTP 400");
                assertThat(stackTrace(thrown)).doesNotContain(refused);
                assertThat(sts.get().webIdentityTokens()).containsExactly(refused);
            }
        }

        @Test
        void throttlingBeyondTheSdksRetriesIsReportedAsThrottled() throws IOException {
            sts.get().throttleNext(100);
            try (WebIdentityCredentialsProvider credentials = provider(tokenFile(FIRST)).build()) {
                assertThatThrownBy(credentials::resolveCredentials).isInstanceOfSatisfying(
                        WebIdentityThrottledException.class, e -> assertThat(e.stsErrorCode()).contains("Throttling"))
                        .isInstanceOf(WebIdentityUnavailableException.class).hasMessageContaining(ROLE);
            }
        }

        @Test
        void aBriefThrottleIsRetriedByTheSdk() throws IOException {
            sts.get().throttleNext(1);
            try (WebIdentityCredentialsProvider credentials = provider(tokenFile(FIRST)).build()) {
                assertThat(credentials.resolveCredentials().accessKeyId()).startsWith("ASIA");
                assertThat(stsCalls()).isEqualTo(1);
            }
        }

        @Test
        void serverErrorsAreReportedAsUnavailable() throws IOException {
            sts.get().failNext(100, 503);
            try (WebIdentityCredentialsProvider credentials = provider(tokenFile(FIRST)).build()) {
                assertThatThrownBy(credentials::resolveCredentials)
                        .isExactlyInstanceOf(WebIdentityUnavailableException.class)
                        .hasMessageContaining(ROLE).hasMessageContaining("HTTP 503");
            }
        }

        @Test
        void anUnreachableStsIsReportedAsUnavailableWithoutTheToken() throws IOException {
            URI closed;
            try (FakeSts gone = FakeSts.create()) {
                closed = gone.endpoint();
            }
            try (WebIdentityCredentialsProvider credentials = provider(tokenFile(FIRST)).stsEndpointOverride(closed)
                    .build()) {
                Throwable thrown = catchThrowable(credentials::resolveCredentials);

                assertThat(thrown)
                        .isExactlyInstanceOf(WebIdentityUnavailableException.class).hasMessageContaining(ROLE);
                assertThat(stackTrace(thrown)).doesNotContain(FIRST);
            }
        }

        @Test
        void aFailingCustomSourceMakesTheTokenUnreadable() {
            try (WebIdentityCredentialsProvider credentials = provider(dir).tokenSource(() -> {
                throw new IllegalStateException("vault sealed");
            }).build()) {
                assertThatThrownBy(credentials::resolveCredentials)
                        .isInstanceOfSatisfying(InvalidWebIdentityException.class,
                                e -> assertThat(e.reason()).isEqualTo(Reason.TOKEN_UNREADABLE))
                        .hasRootCauseMessage("vault sealed");
            }
        }
    }

    @Nested
    class Configuring {
        @Test
        void takesItsSettingsFromTheEnvironment() throws IOException {
            Path file = tokenFile(FIRST);
            Map<String, String> env = Map.of("AWS_WEB_IDENTITY_TOKEN_FILE", file.toString(), "AWS_ROLE_ARN", ROLE,
                    "AWS_ROLE_SESSION_NAME", "from-env", "AWS_REGION", "eu-central-1");
            WebIdentitySettings settings = WebIdentitySettings.fromEnvironment(env::get, Map.<String, String>of()::get);

            try (WebIdentityCredentialsProvider credentials = WebIdentityCredentialsProvider.builder().settings(settings)
                    .stsEndpointOverride(sts.get().endpoint()).build()) {
                credentials.resolveCredentials();

                assertThat(credentials.roleSessionName()).isEqualTo("from-env");
                assertThat(credentials.region()).contains(Region.EU_CENTRAL_1);
                assertThat(sts.get().webIdentityTokens()).containsExactly(FIRST);
            }
        }

        @Test
        void theDefaultSessionNameIsStableAndValidForSts() throws IOException {
            try (WebIdentityCredentialsProvider credentials = WebIdentityCredentialsProvider.builder()
                    .tokenFile(tokenFile(FIRST)).roleArn(ROLE).region(Region.US_WEST_2)
                    .stsEndpointOverride(sts.get().endpoint()).build()) {
                String name = credentials.roleSessionName();

                assertThat(name).matches("eksauth-\\d+").matches("[\\w+=,.@-]{2,64}");
                credentials.resolveCredentials();
                assertThat(credentials.roleSessionName()).isEqualTo(name);
            }
        }

        @Test
        void usesAGivenStsClientAndLeavesItOpen() throws IOException {
            try (StsClient client = StsClient.builder().region(Region.US_WEST_2).endpointOverride(sts.get().endpoint())
                    .credentialsProvider(AnonymousCredentialsProvider.create())
                    .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
                WebIdentityCredentialsProvider credentials = WebIdentityCredentialsProvider.builder()
                        .tokenFile(tokenFile(FIRST)).roleArn(ROLE).stsClient(client).build();
                credentials.resolveCredentials();
                credentials.close();

                assertThat(client.assumeRoleWithWebIdentity(r -> r.roleArn(ROLE).roleSessionName("again")
                        .webIdentityToken(SECOND)).credentials()).isNotNull();
            }
        }

        @Test
        void buildReadsNoTokenAndCallsNoSts() {
            try (WebIdentityCredentialsProvider credentials = provider(dir.resolve("not-yet")).build()) {
                assertThat(credentials.roleArn()).isEqualTo(ROLE);
                assertThat(sts.get().requestCount()).isZero();
            }
        }

        @Test
        void aTokenSourceAndARoleAreRequiredByBuild() {
            assertThatThrownBy(() -> WebIdentityCredentialsProvider.builder().roleArn(ROLE).build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("token source");
            assertThatThrownBy(() -> WebIdentityCredentialsProvider.builder().tokenFile(dir).build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("role ARN");
        }

        static Stream<Arguments> misuse() {
            return Stream.of(
                    bad("roleArn", b -> b.roleArn("arn:aws:sts::123456789012:assumed-role/app/s")),
                    bad("roleArn", b -> b.roleArn("arn:aws:iam::123456789012:user/alice")),
                    bad("roleSessionName", b -> b.roleSessionName("x")),
                    bad("duration", b -> b.duration(Duration.ofMinutes(14))),
                    bad("duration", b -> b.duration(Duration.ofHours(13))),
                    bad("duration", b -> b.duration(Duration.ofMinutes(20).plusMillis(1))),
                    bad("region", b -> b.region(Region.of("Not A Region"))),
                    bad("stsEndpointOverride", b -> b.stsEndpointOverride(URI.create("file:///etc/sts"))),
                    bad("staleTime", b -> b.staleTime(Duration.ofSeconds(-1))),
                    bad("prefetchTime", b -> b.prefetchTime(Duration.ofHours(13))));
        }

        static Arguments bad(String setting, Consumer<Builder> setter) {
            return Arguments.of(setting, setter);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("misuse")
        void aBadValueForASetterIsAnIllegalArgumentNamingIt(String setting, Consumer<Builder> setter) {
            assertThatThrownBy(() -> setter.accept(WebIdentityCredentialsProvider.builder()))
                    .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining(setting);
        }

        @ParameterizedTest
        @ValueSource(strings = {"https://sts.example.com/?Action=AssumeRoleWithWebIdentity",
            "https://user@sts.example.com", "https://sts.example.com/#f", "sts.example.com", "ftp://sts.example.com"})
        void theStsEndpointOverrideFollowsTheRuleOfEveryEndpointOverride(String endpoint) {
            URI uri = URI.create(endpoint);
            String coreRule = catchThrowable(() -> SettingChecks.endpointOverride(uri, "stsEndpointOverride"))
                    .getMessage();

            assertThatThrownBy(() -> WebIdentityCredentialsProvider.builder().stsEndpointOverride(uri))
                    .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage(coreRule);
        }

        @Test
        void anHttpOrHttpsStsEndpointWithAPathIsAccepted() {
            assertThatCode(() -> WebIdentityCredentialsProvider.builder()
                    .stsEndpointOverride(URI.create("https://vpce-1.sts.us-west-2.vpce.amazonaws.com/"))
                    .stsEndpointOverride(URI.create("http://127.0.0.1:4566/sts"))).doesNotThrowAnyException();
        }

        @Test
        void aClientTogetherWithARegionOrEndpointIsRefusedByBuild() {
            try (StsClient client = StsClient.builder().region(Region.US_WEST_2)
                    .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
                assertThatThrownBy(() -> WebIdentityCredentialsProvider.builder().tokenFile(dir).roleArn(ROLE)
                        .stsClient(client).region(Region.US_WEST_2).build())
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("stsClient");
            }
        }

        @Test
        void aPrefetchTimeShorterThanTheStaleTimeIsRefusedByBuild() {
            assertThatThrownBy(() -> provider(dir).staleTime(Duration.ofMinutes(10)).prefetchTime(Duration.ofMinutes(5))
                    .build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("prefetchTime");
        }

        @Test
        void toStringShowsTheRoleAndFileButNoToken() throws IOException {
            try (WebIdentityCredentialsProvider credentials = provider(tokenFile(FIRST)).build();
                    WebIdentityCredentialsProvider fixed = provider(dir).tokenSource(WebIdentityTokenSource.of(SECOND))
                            .build()) {
                credentials.resolveCredentials();

                assertThat(credentials.toString()).contains(ROLE, "checkout-pod", dir.resolve("token").toString())
                        .doesNotContain(FIRST);
                assertThat(fixed.toString()).doesNotContain(SECOND);
            }
        }
    }

    static Throwable catchThrowable(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        return org.assertj.core.api.Assertions.catchThrowable(call);
    }

    static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
