package dev.eksauth.authz;

import static dev.eksauth.authz.Fixtures.rbac;
import static dev.eksauth.authz.Fixtures.request;
import static dev.eksauth.authz.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.eksauth.core.KubernetesUser;

/**
 * The Kubernetes RBAC authorizer's own test table ({@code rbac_test.go}, TestAuthorizer), as
 * manifests under {@code rbac/k8s-table}, and the rest of what the authorizer decides.
 */
class AuthorizerTest {

    static boolean allowed(Authorizer authorizer, KubernetesUser user, AccessRequest request) {
        return authorizer.authorize(user, request).allowed();
    }

    @Nested
    class KubernetesTableWildcardsAndNamespacedBindings {
        final Authorizer authorizer = Authorizer.create(rbac("rbac/k8s-table/wildcards.yaml"));

        @Test
        void theBoundUserAndGroupMayDoAnythingInTheBindingsNamespace() {
            assertThat(allowed(authorizer, user("admin"), request("get", "", "Pods", "", "ns1"))).isTrue();
            assertThat(allowed(authorizer, user("admin"), request("watch", "", "Pods", "", "ns1"))).isTrue();
            assertThat(allowed(authorizer, user("admin", "group1"), request("watch", "", "Foobar", "", "ns1"))).isTrue();
            assertThat(allowed(authorizer, user("joe", "admins"), request("watch", "", "Foobar", "", "ns1"))).isTrue();
            assertThat(allowed(authorizer, user("joe", "group1", "admins"), request("watch", "", "Foobar", "", "ns1"))).isTrue();
        }

        @Test
        void aRoleBindingToAClusterRoleGrantsNothingOutsideItsNamespaceNorClusterWide() {
            assertThat(allowed(authorizer, user("admin"), request("get", "", "Pods", "", "ns2"))).isFalse();
            assertThat(allowed(authorizer, user("admin"), request("get", "", "Nodes", "", ""))).isFalse();
            assertThat(allowed(authorizer, user("admin", "admins"), request("get", "", "Pods", "", "ns2"))).isFalse();
        }

        @Test
        void verbsAreCaseSensitive() {
            assertThat(allowed(authorizer, user("admin"), request("GET", "", "Pods", "", "ns1"))).isTrue()
                    .as("the rule's * matches any verb, GET included");
            Authorizer getOnly = Authorizer.create(RbacObjects.of(
                    List.of(Role.role("ns1", "getter", List.of(PolicyRule.resources(List.of("get"), List.of(""), List.of("pods"))))),
                    List.of(Binding.roleBinding("ns1", "getter", RoleKind.ROLE, "getter", List.of(Subject.user("u"))))));
            assertThat(allowed(getOnly, user("u"), request("get", "", "pods", "", "ns1"))).isTrue();
            assertThat(allowed(getOnly, user("u"), request("GET", "", "pods", "", "ns1"))).isFalse();
        }
    }

    @Nested
    class KubernetesTableNonResourceUrls {
        final Authorizer authorizer = Authorizer.create(rbac("rbac/k8s-table/non-resource-urls.yaml"));

        @Test
        void exactPathsStarVerbsAndPrefixesAllow() {
            assertThat(allowed(authorizer, user("foo"), new NonResourceRequest("get", "/apis"))).isTrue();
            assertThat(allowed(authorizer, user("x", "bar"), new NonResourceRequest("get", "/apis"))).isTrue();
            assertThat(allowed(authorizer, user("admin"), new NonResourceRequest("watch", "/apis"))).isTrue();
            assertThat(allowed(authorizer, user("x", "admin"), new NonResourceRequest("watch", "/apis"))).isTrue();
            assertThat(allowed(authorizer, user("prefixed"), new NonResourceRequest("get", "/apis/v1"))).isTrue();
            assertThat(allowed(authorizer, user("x", "prefixed"), new NonResourceRequest("get", "/apis/v1/foobar"))).isTrue();
        }

        @Test
        void wrongVerbsPathsAndPathsOutsideThePrefixAreRefused() {
            assertThat(allowed(authorizer, user("foo"), new NonResourceRequest("watch", "/apis"))).isFalse();
            assertThat(allowed(authorizer, user("x", "bar"), new NonResourceRequest("watch", "/apis"))).isFalse();
            assertThat(allowed(authorizer, user("foo"), new NonResourceRequest("get", "/api/v1"))).isFalse();
            assertThat(allowed(authorizer, user("admin"), new NonResourceRequest("get", "/api/v1"))).isFalse();
            assertThat(allowed(authorizer, user("prefixed"), new NonResourceRequest("get", "/api/v1"))).isFalse();
            assertThat(allowed(authorizer, user("prefixed"), new NonResourceRequest("get", "/apis"))).isFalse()
                    .as("/apis/* does not cover /apis itself");
        }

        @Test
        void resourceRulesNeverAllowNonResourcePaths() {
            Authorizer everything = Authorizer.create(rbac("rbac/k8s-table/wildcards.yaml"));
            assertThat(allowed(everything, user("admin"), new NonResourceRequest("get", "/healthz"))).isFalse();
        }
    }

    @Nested
    class KubernetesTableSubresources {
        final Authorizer authorizer = Authorizer.create(rbac("rbac/k8s-table/subresources.yaml"));

        @Test
        void aRuleForPodsDoesNotCoverPodsStatus() {
            assertThat(allowed(authorizer, user("pod-admin"), request("get", "", "pods", "", "ns1"))).isTrue();
            assertThat(allowed(authorizer, user("pod-admin"), request("get", "", "pods", "status", "ns1"))).isFalse();
        }

        @Test
        void subresourceRulesAndStarSlashSubresourceCoverOnlyThatSubresource() {
            assertThat(allowed(authorizer, user("status-admin"), request("get", "", "pods", "status", "ns1"))).isTrue();
            assertThat(allowed(authorizer, user("status-admin"), request("get", "", "foo", "scale", "ns1"))).isTrue();
            assertThat(allowed(authorizer, user("status-admin"), request("get", "", "pods", "scale", "ns1"))).isTrue();
            assertThat(allowed(authorizer, user("status-admin"), request("get", "", "pods", "", "ns1"))).isFalse();
            assertThat(allowed(authorizer, user("status-admin"), request("get", "", "pods", "foo", "ns1"))).isFalse();
        }
    }

    @Nested
    class BindingsAndSubjects {
        final PolicyRule readPods = PolicyRule.resources(List.of("get"), List.of(""), List.of("pods"));

        @Test
        void aBindingToAMissingRoleGrantsNothingAndSaysSo() {
            Authorizer authorizer = Authorizer.create(RbacObjects.of(List.of(), List.of(
                    Binding.clusterRoleBinding("dangling", "gone", List.of(Subject.user("u"))))));

            Decision decision = authorizer.authorize(user("u"), request("get", "", "pods", "", ""));

            assertThat(decision.allowed()).isFalse();
            assertThat(decision.reasons()).anyMatch(r -> r.contains("ClusterRole gone, which does not exist"));
        }

        @Test
        void aRoleBindingUsesTheRoleOfItsOwnNamespaceOnly() {
            Authorizer authorizer = Authorizer.create(RbacObjects.of(List.of(Role.role("a", "reader", List.of(readPods))),
                    List.of(Binding.roleBinding("b", "reader", RoleKind.ROLE, "reader", List.of(Subject.user("u"))))));

            assertThat(allowed(authorizer, user("u"), request("get", "", "pods", "", "b"))).isFalse();
        }

        @Test
        void serviceAccountsMatchTheirUsernameWithTheBindingsNamespaceByDefault() {
            Authorizer authorizer = Authorizer.create(RbacObjects.of(List.of(Role.role("ci", "reader", List.of(readPods))),
                    List.of(Binding.roleBinding("ci", "reader", RoleKind.ROLE, "reader",
                            List.of(new Subject(SubjectKind.SERVICE_ACCOUNT, "deployer", ""))))));

            assertThat(allowed(authorizer, user("system:serviceaccount:ci:deployer"), request("get", "", "pods", "", "ci")))
                    .isTrue();
            assertThat(allowed(authorizer, user("system:serviceaccount:other:deployer"), request("get", "", "pods", "", "ci")))
                    .isFalse();
        }

        @Test
        void resourceNamesLimitTheRuleToThoseObjects() {
            PolicyRule one = new PolicyRule(List.of("get"), List.of(""), List.of("configmaps"), List.of("settings"), List.of());
            Authorizer authorizer = Authorizer.create(RbacObjects.of(List.of(Role.clusterRole("one", List.of(one))),
                    List.of(Binding.clusterRoleBinding("one", "one", List.of(Subject.group("g"))))));

            assertThat(allowed(authorizer, user("u", "g"), ResourceRequest.of("get", "", "configmaps").named("settings"))).isTrue();
            assertThat(allowed(authorizer, user("u", "g"), ResourceRequest.of("get", "", "configmaps").named("other"))).isFalse();
            assertThat(allowed(authorizer, user("u", "g"), ResourceRequest.of("get", "", "configmaps"))).isFalse();
        }

        @Test
        void systemMastersIsAllowedEverythingWithoutAnyBinding() {
            Decision decision = Authorizer.create(RbacObjects.empty()).authorize(user("root", Authorizer.MASTERS),
                    new NonResourceRequest("delete", "/anything"));

            assertThat(decision.allowed()).isTrue();
            assertThat(decision.grant().orElseThrow().source()).isEqualTo(Grant.Source.PRIVILEGED_GROUP);
        }

        @Test
        void anAllowedDecisionNamesTheBindingRoleAndRule() {
            Authorizer authorizer = Authorizer.create(RbacObjects.of(List.of(Role.clusterRole("reader", List.of(readPods))),
                    List.of(Binding.clusterRoleBinding("readers", "reader", List.of(Subject.group("devs"))))));

            Grant grant = authorizer.authorize(user("alice", "devs"), request("get", "", "pods", "", "x")).grant().orElseThrow();

            assertThat(grant.via()).isEqualTo("ClusterRoleBinding readers");
            assertThat(grant.role()).isEqualTo("ClusterRole reader");
            assertThat(grant.rule()).contains(readPods);
        }
    }

    @Nested
    class TheApiServersGroups {
        @Test
        void everyUserIsAuthenticatedAndServiceAccountsGetTheirGroups() {
            KubernetesUser sa = Authorizer.withAuthenticatedGroups(user("system:serviceaccount:ci:deployer", "x"));

            assertThat(sa.groups()).containsExactly("x", "system:serviceaccounts", "system:serviceaccounts:ci",
                    "system:authenticated");
            assertThat(Authorizer.withAuthenticatedGroups(new KubernetesUser("bob", "", List.of(), Map.of())).groups())
                    .containsExactly("system:authenticated");
        }
    }

    @Nested
    class ListingRules {
        @Test
        void rulesForListsClusterWideRulesAndThoseOfTheNamespace() {
            Authorizer authorizer = Authorizer.builder().rbac(KubernetesDefaults.rbac()).rbac(rbac("rbac/k8s-table/wildcards.yaml"))
                    .build();
            KubernetesUser admin = Authorizer.withAuthenticatedGroups(user("admin"));

            List<Grant> clusterWide = authorizer.rulesFor(admin, "");
            List<Grant> inNs1 = authorizer.rulesFor(admin, "ns1");

            assertThat(clusterWide).extracting(Grant::via).contains("ClusterRoleBinding system:discovery")
                    .doesNotContain("RoleBinding ns1/admin");
            assertThat(inNs1).extracting(Grant::via).contains("RoleBinding ns1/admin", "ClusterRoleBinding system:basic-user");
        }
    }
}
