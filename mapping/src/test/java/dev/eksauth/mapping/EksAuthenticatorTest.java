package dev.eksauth.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.eksauth.core.KubernetesUser;
import dev.eksauth.core.PrivateDnsNameResolver;
import dev.eksauth.core.PrivateDnsNameUnavailableException;
import dev.eksauth.testkit.FakeSts;
import dev.eksauth.testkit.StsIdentity;
import dev.eksauth.token.EksTokenGenerator;
import dev.eksauth.token.EksTokenVerifier;
import software.amazon.awssdk.regions.Region;

/** Token to identity to Kubernetes user, end to end through a loopback STS. */
class EksAuthenticatorTest {
    static final String ACCOUNT = "111122223333";
    static final String NODE_ROLE = "eksctl-my-cluster-NodeInstanceRole-1A2B3C4D5E6F";
    static final String UNREACHABLE_INSTANCE = "i-0000000000000dead";
    final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    final FakeSts sts = FakeSts.builder().clock(clock).build();
    final AwsAuth awsAuth = AwsAuth.parseConfigMap(Fixtures.awsAuth("documented.yaml")).withRoleMapping(
            RoleMapping.of(new SsoMatcher("ReadOnly", ACCOUNT, dev.eksauth.core.Partition.AWS), "sso:{{SessionName}}",
                    List.of("viewers")))
            .withRoleMapping(RoleMapping.of(dev.eksauth.core.Arn.parse("arn:aws:iam::111122223333:role/Sneaky"),
                    "eks:impostor", List.of()));
    final PrivateDnsNameResolver nodes = StaticPrivateDnsNameResolver.of(
            Map.of("i-0123456789abcdef0", "ip-10-0-0-1.us-west-2.compute.internal"));
    final MapperChain chain = MapperChain.builder()
            .add(AwsAuthMapper.of(awsAuth.config()), ReservedPrefixes.of("eks:", "amazon:"))
            .privateDnsNameResolver(instanceId -> {
                if (instanceId.equals(UNREACHABLE_INSTANCE)) {
                    throw new PrivateDnsNameUnavailableException("EC2 is down", null);
                }
                return nodes.privateDnsName(instanceId);
            })
            .build();
    final EksAuthenticator authenticator = EksAuthenticator.create(EksTokenVerifier.builder().clusterId("prod")
            .clock(clock).stsEndpointOverride(sts.endpoint()).build(), chain);

    @AfterEach
    void stop() {
        sts.close();
    }

    String tokenOf(StsIdentity id) {
        return tokenOf(id, clock);
    }

    static String tokenOf(StsIdentity id, Clock signingClock) {
        return EksTokenGenerator.builder().clusterId("prod").region(Region.US_WEST_2).clock(signingClock)
                .credentialsProvider(id.credentialsProvider()).build().generate().value();
    }

    EksAuthenticator impatient() {
        return EksAuthenticator.create(EksTokenVerifier.builder().clusterId("prod").clock(clock)
                .stsEndpointOverride(sts.endpoint()).retryDeadline(Duration.ofMillis(200)).build(), chain);
    }

    KubernetesUser userOf(StsIdentity id) {
        AuthenticationResult result = authenticator.authenticate(tokenOf(sts.register(id)));
        assertThat(result).isInstanceOf(AuthenticationResult.Authenticated.class);
        return ((AuthenticationResult.Authenticated) result).user();
    }

    AuthenticationResult.Denied denialOf(StsIdentity id) {
        AuthenticationResult result = authenticator.authenticate(tokenOf(sts.register(id)));
        assertThat(result).isInstanceOf(AuthenticationResult.Denied.class);
        return (AuthenticationResult.Denied) result;
    }

    @Test
    void aNodeBecomesItsPrivateDnsName() {
        StsIdentity node = StsIdentity.assumedRole(ACCOUNT, NODE_ROLE, "i-0123456789abcdef0");

        KubernetesUser user = userOf(node);

        assertThat(user.username()).isEqualTo("system:node:ip-10-0-0-1.us-west-2.compute.internal");
        assertThat(user.groups()).containsExactly("system:bootstrappers", "system:nodes");
        assertThat(user.uid()).isEqualTo("aws-iam-authenticator:" + ACCOUNT + ":" + node.userId().split(":")[0]);
        assertThat(user.extra()).containsEntry("arn", List.of(node.arn()))
                .containsEntry("canonicalArn",
                        List.of("arn:aws:iam::111122223333:role/eksctl-my-cluster-NodeInstanceRole-1A2B3C4D5E6F"))
                .containsEntry("sessionName", List.of("i-0123456789abcdef0"))
                .containsEntry("accessKeyId", List.of(node.accessKeyId()))
                .containsEntry("principalId", List.of(node.userId().split(":")[0]));
    }

    @Test
    void anAdminSessionNameGoesIntoTheUsername() {
        assertThat(userOf(StsIdentity.assumedRole(ACCOUNT, "Admin", "alice@example.com")).username())
                .isEqualTo("admin:alice-example.com");
    }

    @Test
    void aMappedUser() {
        KubernetesUser user = userOf(new StsIdentity("AKIAALICE", "secret", java.util.Optional.empty(),
                "arn:aws:iam::111122223333:user/alice", "AIDAALICE"));

        assertThat(user.username()).isEqualTo("alice");
        assertThat(user.groups()).containsExactly("dev-team");
        assertThat(user.extra().get("sessionName")).containsExactly("");
    }

    @Test
    void aMappedAccountGivesTheCanonicalArnAndNoGroups() {
        KubernetesUser user = userOf(StsIdentity.assumedRole("444455556666", "Anyone", "s"));

        assertThat(user.username()).isEqualTo("arn:aws:iam::444455556666:role/Anyone");
        assertThat(user.groups()).isEmpty();
    }

    @Test
    void anSsoRole() {
        assertThat(userOf(StsIdentity.assumedRole(ACCOUNT, "AWSReservedSSO_ReadOnly_0123456789abcdef", "carol")).username())
                .isEqualTo("sso:carol");
    }

    @Test
    void anUnmappedPrincipalIsDenied() {
        AuthenticationResult.Denied denied = denialOf(StsIdentity.assumedRole(ACCOUNT, "Stranger", "s"));

        assertThat(denied.reason()).isEqualTo(DenialReason.NOT_MAPPED);
        assertThat(denied.httpAnswer().status()).isEqualTo(403);
        assertThat(denied.identity()).isPresent();
    }

    @Test
    void aReservedPrefixIsDenied() {
        AuthenticationResult.Denied denied = denialOf(StsIdentity.assumedRole(ACCOUNT, "Sneaky", "s"));

        assertThat(denied.reason()).isEqualTo(DenialReason.RESERVED_PREFIX);
        assertThat(denied.httpAnswer().status()).isEqualTo(403);
        assertThat(denied.message()).contains("'eks:'");
    }

    @Test
    void aNodeRoleSessionThatIsNotAnInstanceIsATemplateFailure() {
        AuthenticationResult.Denied denied = denialOf(StsIdentity.assumedRole(ACCOUNT, NODE_ROLE, "not-an-instance"));

        assertThat(denied.reason()).isEqualTo(DenialReason.TEMPLATE_FAILURE);
        assertThat(denied.httpAnswer().status()).isEqualTo(403);
    }

    @Test
    void wrongTokensAreDeniedWith401AndTheirReason() {
        String expired = tokenOf(sts.register(StsIdentity.user(ACCOUNT, "late")),
                Clock.offset(clock, Duration.ofMinutes(-20)));
        String unknown = tokenOf(StsIdentity.user(ACCOUNT, "unregistered"));

        assertThat(authenticator.authenticate("garbage")).isInstanceOfSatisfying(AuthenticationResult.Denied.class,
                d -> assertThat(d.reason()).isEqualTo(DenialReason.MALFORMED_TOKEN));
        assertThat(authenticator.authenticate(expired)).isInstanceOfSatisfying(AuthenticationResult.Denied.class,
                d -> assertThat(d.reason()).isEqualTo(DenialReason.EXPIRED_TOKEN));
        assertThat(authenticator.authenticate(unknown)).isInstanceOfSatisfying(AuthenticationResult.Denied.class,
                d -> assertThat(d.reason()).isEqualTo(DenialReason.STS_REJECTED));
        for (String token : List.of("garbage", expired, unknown)) {
            assertThat(authenticator.authenticate(token).httpAnswer()).isEqualTo(new HttpAnswer(401, Optional.empty()));
        }
    }

    @Test
    void aThrottlingStsIsUnavailableWith429NotADenial() {
        String token = tokenOf(sts.register(StsIdentity.user(ACCOUNT, "bob")));
        sts.throttleNext(Integer.MAX_VALUE);

        AuthenticationResult result = impatient().authenticate(token);

        assertThat(result).isInstanceOfSatisfying(AuthenticationResult.Unavailable.class,
                u -> assertThat(u.reason()).isEqualTo(UnavailableReason.STS_THROTTLED));
        assertThat(result.httpAnswer().status()).isEqualTo(429);
        assertThat(result.httpAnswer().retryAfterHeader()).hasValue("1");
    }

    @Test
    void aFailingStsIsUnavailableWith503NotADenial() {
        String token = tokenOf(sts.register(StsIdentity.user(ACCOUNT, "bob")));
        sts.failNext(Integer.MAX_VALUE, 503);

        AuthenticationResult result = impatient().authenticate(token);

        assertThat(result).isInstanceOfSatisfying(AuthenticationResult.Unavailable.class,
                u -> assertThat(u.reason()).isEqualTo(UnavailableReason.STS_UNAVAILABLE));
        assertThat(result.httpAnswer().status()).isEqualTo(503);
        assertThat(result.httpAnswer().retryAfter()).isPresent();
    }

    @Test
    void aNodeWhoseNameCannotBeLookedUpNowIsUnavailableWith503() {
        AuthenticationResult result = authenticator.authenticate(tokenOf(sts.register(
                StsIdentity.assumedRole(ACCOUNT, NODE_ROLE, UNREACHABLE_INSTANCE))));

        assertThat(result).isInstanceOfSatisfying(AuthenticationResult.Unavailable.class, u -> {
            assertThat(u.reason()).isEqualTo(UnavailableReason.PRIVATE_DNS_NAME_UNAVAILABLE);
            assertThat(u.identity()).isPresent();
            assertThat(u.message()).contains("mapRoles[0]", "EC2 is down");
        });
        assertThat(result.httpAnswer().status()).isEqualTo(503);
    }

    @Test
    void aMappingSourceThatIsDownIsUnavailableNotDenied() {
        EksAuthenticator down = EksAuthenticator.create(EksTokenVerifier.builder().clusterId("prod").clock(clock)
                .stsEndpointOverride(sts.endpoint()).build(), MapperChain.of(id -> {
                    throw new MappingUnavailableException("the mapping database is down", null);
                }));

        AuthenticationResult result = down.authenticate(tokenOf(sts.register(StsIdentity.assumedRole(ACCOUNT, "Admin", "a"))));

        assertThat(result).isInstanceOfSatisfying(AuthenticationResult.Unavailable.class, u -> {
            assertThat(u.reason()).isEqualTo(UnavailableReason.MAPPING_SOURCE_UNAVAILABLE);
            assertThat(u.message()).isEqualTo("the mapping database is down");
        });
        assertThat(result.httpAnswer().status()).isEqualTo(503);
    }

    @Test
    void statsCountEveryCallAndItsOutcome() {
        String admin = tokenOf(sts.register(StsIdentity.assumedRole(ACCOUNT, "Admin", "alice")));
        String node = tokenOf(sts.register(StsIdentity.assumedRole(ACCOUNT, NODE_ROLE, UNREACHABLE_INSTANCE)));
        authenticator.authenticate("garbage");
        AuthenticatorStats before = authenticator.stats();

        authenticator.authenticate(admin);
        authenticator.authenticateAsync(admin).join();
        authenticator.authenticate("garbage");
        authenticator.authenticate(node);

        AuthenticatorStats after = authenticator.stats();
        assertThat(before).extracting(AuthenticatorStats::authenticationCount, AuthenticatorStats::authenticatedCount,
                AuthenticatorStats::deniedCount, AuthenticatorStats::unavailableCount).containsExactly(1L, 0L, 1L, 0L);
        assertThat(after).extracting(AuthenticatorStats::authenticationCount, AuthenticatorStats::authenticatedCount,
                AuthenticatorStats::deniedCount, AuthenticatorStats::unavailableCount).containsExactly(5L, 2L, 2L, 1L);
        AuthenticatorStats interval = after.minus(before);
        assertThat(interval).extracting(AuthenticatorStats::authenticationCount, AuthenticatorStats::authenticatedCount,
                AuthenticatorStats::deniedCount, AuthenticatorStats::unavailableCount).containsExactly(4L, 2L, 1L, 1L);
        assertThat(interval.verifier().verificationCount()).as("the verifier's share of the interval").isEqualTo(4);
        assertThat(interval.verifier().invalidTokenCount()).isEqualTo(1);
    }

    @Test
    void aChangedMappingAppliesAtOnceThoughTheIdentityIsCached() {
        StsIdentity admin = sts.register(StsIdentity.assumedRole(ACCOUNT, "Admin", "alice"));
        String token = tokenOf(admin);
        EksTokenVerifier verifier = EksTokenVerifier.builder().clusterId("prod").clock(clock)
                .stsEndpointOverride(sts.endpoint()).build();
        java.util.concurrent.atomic.AtomicReference<AwsAuthMapper> current =
                new java.util.concurrent.atomic.AtomicReference<>(AwsAuthMapper.of(awsAuth.config()));
        EksAuthenticator live = EksAuthenticator.create(verifier, MapperChain.of(id -> current.get().map(id)));

        assertThat(live.authenticate(token)).isInstanceOf(AuthenticationResult.Authenticated.class);
        current.set(AwsAuthMapper.of(awsAuth.withoutRoleMapping(dev.eksauth.core.Arn.parse(
                "arn:aws:iam::111122223333:role/Admin")).config()));

        assertThat(live.authenticate(token)).isInstanceOfSatisfying(AuthenticationResult.Denied.class,
                d -> assertThat(d.reason()).isEqualTo(DenialReason.NOT_MAPPED));
        assertThat(sts.requestCount()).isEqualTo(1);
    }

    @Nested
    class Metrics {
        @Test
        void theMetersCountEachOutcome() {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            EksAuthenticatorMetrics.of(authenticator).bindTo(registry);

            authenticator.authenticate(tokenOf(sts.register(StsIdentity.assumedRole(ACCOUNT, "Admin", "alice"))));
            authenticator.authenticate("garbage");
            authenticator.authenticate(tokenOf(sts.register(StsIdentity.assumedRole(ACCOUNT, NODE_ROLE, UNREACHABLE_INSTANCE))));
            authenticator.authenticate("garbage");

            assertThat(registry.get("eksauth.authentications").tag("outcome", "authenticated").functionCounter().count())
                    .isEqualTo(1);
            assertThat(registry.get("eksauth.authentications").tag("outcome", "denied").functionCounter().count())
                    .isEqualTo(2);
            assertThat(registry.get("eksauth.authentications").tag("outcome", "unavailable").functionCounter().count())
                    .isEqualTo(1);
        }
    }
}
