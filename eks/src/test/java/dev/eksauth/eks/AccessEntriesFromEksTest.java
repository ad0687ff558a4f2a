package dev.eksauth.eks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.eksauth.authz.AccessEntries;
import dev.eksauth.authz.AccessEntryType;
import dev.eksauth.authz.AccessScope;
import dev.eksauth.core.CallerIdentity;
import dev.eksauth.core.KubernetesUser;
import dev.eksauth.mapping.AuthenticationResult;
import dev.eksauth.mapping.AwsAuth;
import dev.eksauth.mapping.AwsAuthMapper;
import dev.eksauth.mapping.IdentityMapper;
import dev.eksauth.mapping.MapperChain;
import dev.eksauth.mapping.MappingUnavailableException;
import dev.eksauth.testkit.FakeEks;
import dev.eksauth.testkit.FakeEksExtension;
import dev.eksauth.testkit.MutableClock;
import dev.eksauth.testkit.StsIdentity;

class AccessEntriesFromEksTest {
    private static final String A = Fixtures.ACCOUNT;
    private static final String VIEW = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy";
    private static final String ADMIN = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";

    @RegisterExtension
    final FakeEksExtension fake = FakeEksExtension.create();

    private FakeEks eks;
    private EksClusters clusters;

    @BeforeEach
    void setUp() {
        eks = fake.get();
        StsIdentity admin = eks.register(StsIdentity.user(A, "admin"));
        eks.addCluster("prod")
                .accessEntry("arn:aws:iam::" + A + ":role/team/dev", "STANDARD", null, List.of("developers"))
                .accessPolicy("arn:aws:iam::" + A + ":role/team/dev", VIEW, "dev-*", "shared")
                .accessEntry("arn:aws:iam::" + A + ":role/admin", "STANDARD", "admin:{{SessionName}}", List.of())
                .accessPolicy("arn:aws:iam::" + A + ":role/admin", ADMIN)
                .accessEntry("arn:aws:iam::" + A + ":user/alice", "STANDARD", null, List.of("readers"))
                .accessEntry("arn:aws:iam::" + A + ":role/nodes", "EC2_LINUX", null, List.of())
                .accessEntry("arn:aws:iam::" + A + ":role/fargate", "FARGATE_LINUX", null, List.of())
                .accessEntry("arn:aws:iam::" + A + ":role/hybrid", "HYBRID_LINUX", null, List.of())
                .accessEntry("arn:aws:iam::" + A + ":role/hyperpod", "HYPERPOD_LINUX", null, List.of())
                .accessEntry("arn:aws:iam::" + A + ":role/auto", "EC2", null, List.of());
        clusters = Fixtures.clusters(eks, admin);
    }

    private static CallerIdentity session(String role, String session) {
        return CallerIdentity.of("arn:aws:sts::" + A + ":assumed-role/" + role + "/" + session, A, "AROAEXAMPLE:" + session,
                "ASIAEXAMPLE", "sts.us-west-2.amazonaws.com");
    }

    private static CallerIdentity user(String name) {
        return CallerIdentity.of("arn:aws:iam::" + A + ":user/" + name, A, "AIDAEXAMPLE", "AKIAEXAMPLE", "sts.amazonaws.com");
    }

    private static KubernetesUser authenticated(IdentityMapper mapper, CallerIdentity identity) {
        AuthenticationResult r = MapperChain.of(mapper).map(identity);
        assertThat(r).isInstanceOf(AuthenticationResult.Authenticated.class);
        return ((AuthenticationResult.Authenticated) r).user();
    }

    @Nested
    class Loading {
        @Test
        void readsEveryEntryWithItsPoliciesAcrossPages() {
            eks.pageSize(2);
            AccessEntries entries = clusters.accessEntries("prod");

            assertThat(entries.problems()).isEmpty();
            assertThat(entries.entries()).hasSize(8);
            assertThat(eks.requestCount("ListAccessEntries")).isEqualTo(4);
            var dev = entries.entries().get(0);
            assertThat(dev.principalArn().toString()).isEqualTo("arn:aws:iam::" + A + ":role/team/dev");
            assertThat(dev.username()).isEmpty();
            assertThat(dev.kubernetesGroups()).containsExactly("developers");
            assertThat(dev.accessPolicies()).singleElement().satisfies(p -> {
                assertThat(p.policyArn()).isEqualTo(VIEW);
                assertThat(p.accessScope()).isEqualTo(AccessScope.namespaces(List.of("dev-*", "shared")));
            });
            assertThat(entries.entries().get(1).username()).contains("admin:{{SessionName}}");
            assertThat(entries.entries().get(1).accessPolicies().get(0).accessScope()).isEqualTo(AccessScope.cluster());
            assertThat(entries.entries().get(3).type()).isEqualTo(AccessEntryType.EC2_LINUX);
        }

        @Test
        void roundTripsThroughTheOfflineJsonForm() {
            AccessEntries entries = clusters.accessEntries("prod");

            assertThat(AccessEntries.fromJson(entries.toJson()).entries()).isEqualTo(entries.entries());
        }

        @Test
        void aDeniedDescribeNamesThePermission() {
            eks.deny("DescribeAccessEntry");
            assertThatThrownBy(() -> clusters.accessEntries("prod")).isInstanceOf(EksAccessDeniedException.class)
                    .hasMessageContaining("eks:DescribeAccessEntry");
        }
    }

    @Nested
    class Refreshing {
        @Test
        void keepsTheLastGoodEntriesWhenARefreshFails() {
            MutableClock clock = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"));
            AccessEntrySource source = AccessEntrySource.builder().clusters(clusters).clusterName("prod")
                    .refreshInterval(Duration.ofMinutes(1)).clock(clock).build();
            AccessEntries first = source.current();
            assertThat(source.current()).isSameAs(first);
            assertThat(eks.requestCount("ListAccessEntries")).isEqualTo(1);

            clock.advance(Duration.ofMinutes(1));
            eks.throttleNext(1);
            assertThat(source.current()).isSameAs(first);
            assertThat(source.lastFailure()).get().isInstanceOf(EksThrottledException.class);

            eks.cluster("prod").accessEntry("arn:aws:iam::" + A + ":user/bob", "STANDARD", null, List.of());
            clock.advance(Duration.ofMinutes(1));
            assertThat(source.current().entries()).hasSize(9);
            assertThat(source.lastFailure()).isEmpty();
        }

        @Test
        void aFailedFirstLoadIsTriedAgainOnlyAfterTheRetrySpacing() {
            eks.deny("ListAccessEntries");
            MutableClock clock = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"));
            AccessEntrySource source = AccessEntrySource.builder().clusters(clusters).clusterName("prod").clock(clock)
                    .build();

            assertThatThrownBy(source::current).isInstanceOf(EksAccessDeniedException.class);
            assertThatThrownBy(source::current).isInstanceOf(EksAccessDeniedException.class);
            assertThat(eks.requestCount("ListAccessEntries")).as("the second lookup reuses the failure").isEqualTo(1);

            clock.advance(AccessEntrySource.FIRST_LOAD_RETRY);
            assertThatThrownBy(source::current).isInstanceOf(EksAccessDeniedException.class);
            assertThat(eks.requestCount("ListAccessEntries")).isEqualTo(2);
        }

        @Test
        void aMapperWithNothingLoadedIsUnavailable() {
            eks.failNext(2, 500);
            AccessEntrySource source = AccessEntrySource.builder().clusters(clusters).clusterName("prod").build();
            AccessEntryMapper mapper = AccessEntryMapper.create(source);

            assertThatThrownBy(() -> mapper.map(user("alice"))).isInstanceOf(MappingUnavailableException.class)
                    .hasMessageContaining("access entries could not be loaded");
            assertThat(MapperChain.of(mapper).map(user("alice"))).isInstanceOf(AuthenticationResult.Unavailable.class);
        }
    }

    @Nested
    class Mapping {
        private IdentityMapper mapper;

        @BeforeEach
        void load() {
            mapper = AccessEntryMapper.create(AccessEntrySource.builder().clusters(clusters).clusterName("prod").build());
        }

        @Test
        void aSessionOfARoleWithAPathGetsTheDefaultStandardUsername() {
            KubernetesUser u = authenticated(mapper, session("dev", "jane@example.com"));

            assertThat(u.username()).isEqualTo("arn:aws:sts::" + A + ":assumed-role/dev/jane-example.com");
            assertThat(u.groups()).containsExactly("developers");
        }

        @Test
        void anEntryUsernameTemplateIsRendered() {
            assertThat(authenticated(mapper, session("admin", "ops")).username()).isEqualTo("admin:ops");
        }

        @Test
        void aUserGetsItsArn() {
            assertThat(authenticated(mapper, user("alice")).username()).isEqualTo("arn:aws:iam::" + A + ":user/alice");
        }

        @Test
        void nodeTypesGetTheUsernameAndGroupEksGives() {
            for (String role : List.of("fargate", "hybrid", "hyperpod", "auto")) {
                KubernetesUser u = authenticated(mapper, session(role, "i-0123456789abcdef0"));
                assertThat(u.username()).isEqualTo("system:node:i-0123456789abcdef0");
                assertThat(u.groups()).containsExactly("system:nodes");
            }
        }

        @Test
        void anIdentityWithoutAnEntryIsNotMapped() {
            assertThat(mapper.map(user("mallory"))).isEmpty();
        }
    }

    @Nested
    class AuthenticationModes {
        private final IdentityMapper awsAuth = AwsAuthMapper.of(AwsAuth.parseData(java.util.Map.of("mapUsers",
                "- userarn: arn:aws:iam::" + A + ":user/alice\n  username: alice-from-aws-auth\n"
                        + "- userarn: arn:aws:iam::" + A + ":user/carol\n  username: carol\n")).config());
        private IdentityMapper entries;

        @BeforeEach
        void load() {
            entries = AccessEntryMapper.create(clusters.accessEntries("prod"));
        }

        @Test
        void apiAndConfigMapPrefersTheAccessEntryAndFallsBackToAwsAuth() {
            IdentityMapper both = AuthenticationMode.API_AND_CONFIG_MAP.mapper(entries, awsAuth);

            assertThat(authenticated(both, user("alice")).username()).isEqualTo("arn:aws:iam::" + A + ":user/alice");
            assertThat(authenticated(both, user("carol")).username()).isEqualTo("carol");
        }

        @Test
        void configMapAndApiUseOneSourceOnly() {
            assertThat(authenticated(AuthenticationMode.CONFIG_MAP.mapper(entries, awsAuth), user("alice")).username())
                    .isEqualTo("alice-from-aws-auth");
            assertThat(AuthenticationMode.API.mapper(entries, awsAuth).map(user("carol"))).isEmpty();
        }

        @Test
        void theModeMapperFollowsTheCluster() {
            EksClusters uncached = EksClusters.builder().eksClient(Fixtures.client(eks,
                    eks.register(StsIdentity.user(A, "reader")))).cacheTtl(Duration.ZERO).build();
            IdentityMapper following = ClusterModeMapper.create(uncached, "prod", entries, awsAuth);

            eks.cluster("prod").authenticationMode("CONFIG_MAP");
            assertThat(authenticated(following, user("alice")).username()).isEqualTo("alice-from-aws-auth");
            eks.cluster("prod").authenticationMode("API");
            assertThat(following.map(user("carol"))).isEqualTo(Optional.empty());
        }
    }
}
