package dev.eksauth.authz;

import static dev.eksauth.authz.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.eksauth.core.Arn;
import dev.eksauth.core.CallerIdentity;
import dev.eksauth.core.KubernetesUser;

class AccessPoliciesTest {
    static final String VIEW = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy";
    static final String CLUSTER_ADMIN = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";

    static AccessEntry entry(String role, AccessPolicyAssociation... policies) {
        return new AccessEntry(Arn.parse("arn:aws:iam::111122223333:role/" + role), AccessEntryType.STANDARD, Optional.empty(),
                List.of(), List.of(policies));
    }

    final AccessEntries entries = AccessEntries.of(List.of(
            entry("Viewer", new AccessPolicyAssociation(VIEW, AccessScope.namespaces(List.of("dev-*", "qa")))),
            entry("Admin", new AccessPolicyAssociation(CLUSTER_ADMIN, AccessScope.cluster()))));
    final Authorizer authorizer = Authorizer.builder().accessEntries(entries).build();

    KubernetesUser user(String role) {
        return entries.map(AccessEntriesTest.session(role, "s1")).orElseThrow();
    }

    @Test
    void theBundledSetHoldsTheUserGuidesPoliciesAndSaysWhereFrom() {
        assertThat(AccessPolicies.eks().byName()).containsKeys("AmazonEKSClusterAdminPolicy", "AmazonEKSAdminPolicy",
                "AmazonEKSEditPolicy", "AmazonEKSViewPolicy", "AmazonEKSAdminViewPolicy");
        assertThat(AccessPolicies.eks().source()).contains("access-policy-permissions");
        assertThat(AccessPolicies.eks().find("arn:aws-cn:eks::aws:cluster-access-policy/AmazonEKSViewPolicy")).isPresent();
        assertThat(AccessPolicies.nameOf("arn:aws:eks::aws:cluster-access-policy/")).isEmpty();
    }

    @Nested
    class Scopes {
        @Test
        void aNamespaceScopeCoversItsNamespacesAndWildcardsOnly() {
            assertThat(authorizer.authorize(user("Viewer"), request("list", "", "pods", "", "dev-team1")).allowed()).isTrue();
            assertThat(authorizer.authorize(user("Viewer"), request("list", "", "pods", "", "qa")).allowed()).isTrue();
            assertThat(authorizer.authorize(user("Viewer"), request("list", "", "pods", "", "qa2")).allowed()).isFalse();
            assertThat(authorizer.authorize(user("Viewer"), request("list", "", "pods", "", "")).allowed()).isFalse()
                    .as("a request across all namespaces is outside a namespace scope");
        }

        @Test
        void aClusterScopeCoversEverythingIncludingNonResourceUrls() {
            Decision decision = authorizer.authorize(user("Admin"), new NonResourceRequest("get", "/metrics"));

            assertThat(decision.allowed()).isTrue();
            assertThat(decision.grant().orElseThrow().source()).isEqualTo(Grant.Source.ACCESS_POLICY);
            assertThat(decision.grant().orElseThrow().role()).contains("AmazonEKSClusterAdminPolicy", "scope cluster");
        }

        @Test
        void theViewPolicyDoesNotReadSecrets() {
            Decision decision = authorizer.authorize(user("Viewer"), request("get", "", "secrets", "", "dev-a"));

            assertThat(decision.allowed()).isFalse();
            assertThat(decision.reasons()).anyMatch(r -> r.contains("access policies of the access entry"));
        }
    }

    @Nested
    class BesideRbac {
        @Test
        void eitherRbacOrAnAccessPolicyMayAllow() {
            Authorizer both = Authorizer.builder().accessEntries(entries).rbac(RbacObjects.of(
                    List.of(Role.clusterRole("secrets", List.of(PolicyRule.resources(List.of("get"), List.of(""), List.of("secrets"))))),
                    List.of(Binding.clusterRoleBinding("s", "secrets", List.of(Subject.user(user("Viewer").username())))))).build();

            assertThat(both.authorize(user("Viewer"), request("get", "", "secrets", "", "prod")).allowed()).isTrue();
            assertThat(both.authorize(user("Viewer"), request("get", "", "pods", "", "dev-x")).allowed()).isTrue();
        }

        @Test
        void aUserWithoutAnIamPrincipalGetsNoAccessPolicy() {
            KubernetesUser plain = KubernetesUser.of(user("Admin").username(), List.of());

            assertThat(authorizer.authorize(plain, request("get", "", "pods", "", "x")).allowed()).isFalse();
        }

        @Test
        void whoCanNamesThePrincipalsOfAccessPolicies() {
            WhoCan who = authorizer.whoCan(request("get", "", "pods", "", "dev-1"));

            assertThat(who.principals()).extracting(WhoCan.PrincipalGrant::principal).containsExactlyInAnyOrder(
                    "arn:aws:iam::111122223333:role/Viewer", "arn:aws:iam::111122223333:role/Admin");
        }

        @Test
        void mappingsOfAPrincipalWithAnAccessEntryAreShadowedByIt() {
            CallerIdentity ignored = AccessEntriesTest.session("Viewer", "s");
            Authorizer withAwsAuth = Authorizer.builder().accessEntries(entries).rbac(KubernetesDefaults.rbac())
                    .principalMappings(List.of(
                            new PrincipalMapping(ignored.canonicalArn().toString(), "root", List.of("system:masters"), "mapRoles[0]"),
                            new PrincipalMapping("arn:aws:iam::111122223333:role/Ops", "ops", List.of("system:masters"), "mapRoles[1]")))
                    .build();

            WhoCan who = withAwsAuth.whoCan(ResourceRequest.of("delete", "", "nodes"));

            assertThat(who.principals()).extracting(WhoCan.PrincipalGrant::source).contains("mapRoles[1]")
                    .doesNotContain("mapRoles[0]");
        }
    }
}
