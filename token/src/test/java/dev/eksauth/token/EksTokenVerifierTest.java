package dev.eksauth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.eksauth.core.CallerIdentity;
import dev.eksauth.core.Partition;
import dev.eksauth.core.PrincipalType;
import dev.eksauth.testkit.FakeSts;
import dev.eksauth.testkit.StsIdentity;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

class EksTokenVerifierTest extends VerifierFixture {
    @Nested
    class RoundTrips {
        @ParameterizedTest(name = "{0} {1} fips={2} dualstack={3}")
        @CsvSource({
            "AWS, us-west-2, false, false",
            "AWS, us-east-1, true, false",
            "AWS, eu-central-1, false, true",
            "AWS, us-east-2, true, true",
            "AWS_CN, cn-north-1, false, false",
            "AWS_CN, cn-northwest-1, false, true",
            "AWS_US_GOV, us-gov-west-1, true, false",
            "AWS_US_GOV, us-gov-east-1, false, true",
            "AWS_ISO, us-iso-east-1, false, false",
            "AWS_ISO_B, us-isob-east-1, false, false",
            "AWS_ISO_E, eu-isoe-west-1, false, false",
            "AWS_ISO_F, us-isof-south-1, false, false",
            "AWS_EUSC, eusc-de-east-1, false, false",
            "AWS_EUSC, eusc-de-east-1, true, true"})
        void everyPartitionAndEndpointVariant(Partition partition, String region, boolean fips, boolean dualstack) {
            EksToken token = generator(alice).region(Region.of(region)).fipsEnabled(fips).dualstackEnabled(dualstack)
                    .build().generate();

            CallerIdentity who = verifier().partition(partition).build().verify(token.value());

            assertThat(who.arn()).hasToString(alice.arn());
            assertThat(who.userId()).isEqualTo(alice.userId());
            assertThat(who.accessKeyId()).isEqualTo(alice.accessKeyId());
            assertThat(who.stsEndpoint()).isEqualTo(Tokens.url(token.value()).getHost());
        }

        @Test
        void theGlobalEndpoint() {
            EksToken token = generator(alice).stsEndpointType(StsEndpointType.GLOBAL).build().generate();

            CallerIdentity who = verifier().build().verify(token.value());

            assertThat(who.stsEndpoint()).isEqualTo("sts.amazonaws.com");
        }

        @Test
        void anAssumedRoleWithASessionToken() {
            CallerIdentity who = verifier().build().verify(generator(admin).build().generate().value());

            assertThat(who.principalType()).isEqualTo(PrincipalType.ASSUMED_ROLE);
            assertThat(who.canonicalArn()).hasToString("arn:aws:iam::123456789012:role/Admin");
            assertThat(who.sessionName()).contains("bob@example.com");
            assertThat(who.userId()).isEqualTo(admin.userId().substring(0, admin.userId().indexOf(':')));
        }

        @Test
        void aRegionOutsideThePartitionsNamingNeedsConfiguring() {
            String token = generator(alice).region(Region.of("xx-newregion-9")).build().generate().value();

            assertThatThrownBy(() -> verifier().build().verify(token)).isInstanceOf(MalformedTokenException.class);
            assertThat(verifier().regions(java.util.Set.of("xx-newregion-9")).build().verify(token).arn())
                    .hasToString(alice.arn());
        }

        @Test
        void throughAnAssumedRoleWithAnExternalId() {
            try (FakeSts live = FakeSts.create()) {
                StsIdentity base = live.register(StsIdentity.user("123456789012", "deployer"));
                try (EksTokenGenerator generator = EksTokenGenerator.builder().clusterId("prod")
                        .credentialsProvider(base.credentialsProvider()).region(Region.US_WEST_2)
                        .roleArn("arn:aws:iam::123456789012:role/ClusterAdmin").roleSessionName("ci-42")
                        .externalId("shared-secret-id").assumeRoleEndpoint(live.endpoint()).build()) {

                    CallerIdentity who = EksTokenVerifier.builder().clusterId("prod")
                            .stsEndpointOverride(live.endpoint()).build().verify(generator.generate().value());

                    assertThat(who.arn()).hasToString("arn:aws:sts::123456789012:assumed-role/ClusterAdmin/ci-42");
                    assertThat(live.externalIds()).containsExactly("shared-secret-id");
                }
            }
        }
    }

    @Nested
    class StsRefusals {
        @Test
        void aTokenForAnotherClusterIsRejectedByStsAsSuch() {
            String token = generator(alice).clusterId("staging").build().generate().value();

            assertThatThrownBy(() -> verifier().build().verify(token)).isInstanceOfSatisfying(StsRejectedException.class,
                    e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.errorCode()).contains("SignatureDoesNotMatch");
                    });
        }

        @Test
        void aTokenSignedWithAWrongSecretIsRejected() {
            String token = generator(alice).credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(alice.accessKeyId(), "wrong"))).build().generate().value();

            assertThatThrownBy(() -> verifier().build().verify(token)).isInstanceOfSatisfying(StsRejectedException.class,
                    e -> assertThat(e.errorCode()).contains("SignatureDoesNotMatch"));
            assertThat(sts.get().requestCount()).isEqualTo(1);
        }

        @Test
        void anUnknownKeyIsRejectedAndTheMessageHoldsNoSecret() {
            String token = generator(alice).credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("AKIAUNKNOWN", "secret"))).build().generate().value();

            assertThatThrownBy(() -> verifier().build().verify(token)).isInstanceOf(StsRejectedException.class)
                    .hasMessageContaining("InvalidClientTokenId")
                    .hasMessageNotContaining(Tokens.query(token).get("X-Amz-Signature"));
        }
    }

    @Nested
    class CachingAndSharing {
        final String token = generator(alice).build().generate().value();

        @Test
        void aVerifiedTokenIsAnsweredFromTheCacheUntilItExpires() {
            EksTokenVerifier verifier = verifier().build();
            verifier.verify(token);
            clock.advance(Duration.ofMinutes(14));

            assertThat(verifier.verify(token).arn()).hasToString(alice.arn());
            assertThat(sts.get().requestCount()).isEqualTo(1);

            clock.advance(Duration.ofMinutes(2));
            assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(ExpiredTokenException.class);
        }

        @Test
        void aCacheSizeOfZeroAsksStsEveryTime() {
            EksTokenVerifier verifier = verifier().cacheSize(0).build();
            verifier.verify(token);
            verifier.verify(token);

            assertThat(sts.get().requestCount()).isEqualTo(2);
            assertThat(verifier.stats().cachedIdentities()).isZero();
        }

        @Test
        void rejectionsAreNotCached() {
            String other = generator(alice).clusterId("staging").build().generate().value();
            EksTokenVerifier verifier = verifier().build();
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> verifier.verify(other)).isInstanceOf(StsRejectedException.class);
            }
            assertThat(sts.get().requestCount()).isEqualTo(2);
        }

        @Test
        void aThousandConcurrentVerificationsOfOneTokenMakeOneStsRequest() throws Exception {
            CompletableFuture<Void> everyCallMade = new CompletableFuture<>();
            AtomicInteger sent = new AtomicInteger();
            LoopbackTransport loopback = new LoopbackTransport();
            StsTransport held = request -> {
                sent.incrementAndGet();
                return everyCallMade.thenCompose(ignored -> loopback.send(request));
            };
            EksTokenVerifier verifier = verifier().transport(held).build();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Callable<List<CompletableFuture<CallerIdentity>>>> callers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                callers.add(() -> {
                    List<CompletableFuture<CallerIdentity>> mine = new ArrayList<>();
                    for (int i = 0; i < 125; i++) {
                        mine.add(verifier.verifyAsync(token));
                    }
                    return mine;
                });
            }
            List<CompletableFuture<CallerIdentity>> results = new ArrayList<>();
            for (Future<List<CompletableFuture<CallerIdentity>>> caller : pool.invokeAll(callers)) {
                results.addAll(caller.get());
            }
            pool.shutdown();
            everyCallMade.complete(null);

            assertThat(results).hasSize(1000)
                    .allSatisfy(result -> assertThat(result.join().arn()).hasToString(alice.arn()));
            assertThat(sent).hasValue(1);
            assertThat(sts.get().requestCount()).isEqualTo(1);
            assertThat(verifier.stats()).isEqualTo(new VerifierStats(1000, 0, 1, 0, 0, 0, 1));
        }

        @Test
        void theAsyncApiCompletesWithTheIdentityOrTheTypedError() {
            EksTokenVerifier verifier = verifier().build();

            CompletableFuture<CallerIdentity> ok = verifier.verifyAsync(token);
            CompletableFuture<CallerIdentity> bad = verifier.verifyAsync("k8s-aws-v1.!!");

            assertThat(ok.join().arn()).hasToString(alice.arn());
            assertThat(bad).isCompletedExceptionally();
            assertThatThrownBy(bad::join).hasCauseInstanceOf(MalformedTokenException.class);
        }
    }

    @Nested
    class Building {
        @Test
        void requiresAClusterId() {
            assertThatThrownBy(() -> EksTokenVerifier.builder().build()).isInstanceOf(IllegalStateException.class)
                    .hasMessage("clusterId is required");
        }

        @Test
        void refusesBadSettingsWhereTheyAreWritten() {
            assertThatThrownBy(() -> EksTokenVerifier.builder().cacheSize(-1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> EksTokenVerifier.builder().requestTimeout(Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> EksTokenVerifier.builder().stsEndpointOverride(URI.create("ftp://x/")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> EksTokenVerifier.builder().regions(java.util.Set.of("Bad_Region")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("regions");
        }

        @Test
        void aCacheSizeOfZeroIsAllowed() {
            assertThat(EksTokenVerifier.builder().clusterId("prod").cacheSize(0).build().stats().cachedIdentities())
                    .isZero();
        }

        @Test
        void refusesBackOffOutOfRangeOrBelowItsBase() {
            assertThatThrownBy(() -> EksTokenVerifier.builder().retryBackoff(Duration.ofMillis(-1), Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retryBackoff base");
            assertThatThrownBy(() -> EksTokenVerifier.builder().retryBackoff(Duration.ofSeconds(1), Duration.ofMillis(500)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retryBackoff max");
            assertThatThrownBy(() -> EksTokenVerifier.builder().retryBackoff(Duration.ZERO, Duration.ofMinutes(2)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retryBackoff max");
        }

        @Test
        void refusesAnAttemptBoundOutsideOneToAHundred() {
            assertThatThrownBy(() -> EksTokenVerifier.builder().maxAttempts(0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts");
            assertThatThrownBy(() -> EksTokenVerifier.builder().maxAttempts(101))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts");
        }
    }
}
