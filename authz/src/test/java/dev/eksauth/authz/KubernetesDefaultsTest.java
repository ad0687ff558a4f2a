package dev.eksauth.authz;

import static dev.eksauth.authz.Fixtures.request;
import static dev.eksauth.authz.Fixtures.user;
import static dev.eksauth.authz.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.eksauth.core.KubernetesUser;

class KubernetesDefaultsTest {
    static final String BIND_TO = "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: b, namespace: team}\n"
            + "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: %s}\nsubjects: [{kind: User, name: %s}]\n";

    final Authorizer authorizer = Authorizer.builder().rbac(KubernetesDefaults.rbac()).rbac(RbacObjects.parse(
            String.format(BIND_TO, "view", "viewer") + "---\n" + String.format(BIND_TO, "edit", "editor").replace("name: b,", "name: e,")
                    + "---\n" + String.format(BIND_TO, "admin", "owner").replace("name: b,", "name: a,"), "team.yaml")).build();

    static KubernetesUser authenticated(String name) {
        return Authorizer.withAuthenticatedGroups(user(name));
    }

    @Test
    void theBundledSetStatesItsVersionAndReadsWithoutProblems() {
        assertThat(KubernetesDefaults.VERSION).isEqualTo("1.31");
        assertThat(KubernetesDefaults.rbac().problems()).isEmpty();
        assertThat(KubernetesDefaults.rbac().roles()).extracting(Role::name).contains("cluster-admin", "admin", "edit", "view",
                "system:basic-user", "system:discovery", "system:public-info-viewer");
    }

    @Nested
    class Aggregation {
        @Test
        void viewGathersTheAggregateToViewRules() {
            assertThat(authorizer.authorize(authenticated("viewer"), request("list", "apps", "deployments", "", "team")).allowed())
                    .isTrue();
            assertThat(authorizer.authorize(authenticated("viewer"), request("get", "", "secrets", "", "team")).allowed()).isFalse();
        }

        @Test
        void editGathersViewAndAdminGathersEditThroughTheirLabels() {
            assertThat(authorizer.authorize(authenticated("editor"), request("get", "", "pods", "", "team")).allowed()).isTrue();
            assertThat(authorizer.authorize(authenticated("editor"), request("get", "", "secrets", "", "team")).allowed()).isTrue();
            assertThat(authorizer.authorize(authenticated("editor"), request("create", "rbac.authorization.k8s.io", "roles", "",
                    "team")).allowed()).isFalse();
            assertThat(authorizer.authorize(authenticated("owner"), request("create", "rbac.authorization.k8s.io", "roles", "",
                    "team")).allowed()).isTrue();
            assertThat(authorizer.authorize(authenticated("owner"), request("list", "apps", "deployments", "", "team")).allowed())
                    .isTrue();
        }

        @Test
        void matchExpressionsSelectAsLabelSelectorsDo() {
            RbacObjects objects = RbacObjects.parse(yaml(
                    "apiVersion: v1",
                    "kind: List",
                    "items:",
                    "- apiVersion: rbac.authorization.k8s.io/v1",
                    "  kind: ClusterRole",
                    "  metadata: {name: monitoring}",
                    "  aggregationRule:",
                    "    clusterRoleSelectors:",
                    "    - matchExpressions: [{key: team, operator: In, values: [obs, sre]}, {key: legacy, operator: DoesNotExist}]",
                    "- apiVersion: rbac.authorization.k8s.io/v1",
                    "  kind: ClusterRole",
                    "  metadata: {name: metrics, labels: {team: obs}}",
                    "  rules: [{apiGroups: [metrics.k8s.io], resources: [pods], verbs: [get]}]",
                    "- apiVersion: rbac.authorization.k8s.io/v1",
                    "  kind: ClusterRole",
                    "  metadata: {name: old, labels: {team: sre, legacy: 'yes'}}",
                    "  rules: [{apiGroups: [''], resources: [nodes], verbs: [get]}]",
                    "- apiVersion: rbac.authorization.k8s.io/v1",
                    "  kind: ClusterRoleBinding",
                    "  metadata: {name: monitoring}",
                    "  roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: monitoring}",
                    "  subjects: [{kind: Group, name: obs}]"), "agg.yaml");
            Authorizer a = Authorizer.create(objects);

            assertThat(objects.problems()).isEmpty();
            assertThat(a.authorize(user("u", "obs"), request("get", "metrics.k8s.io", "pods", "", "")).allowed()).isTrue();
            assertThat(a.authorize(user("u", "obs"), request("get", "", "nodes", "", "")).allowed()).isFalse();
        }
    }

    @Nested
    class DiscoveryBindings {
        @Test
        void authenticatedUsersMayDiscoverAndReviewThemselves() {
            assertThat(authorizer.authorize(authenticated("anyone"), new NonResourceRequest("get", "/apis/apps/v1")).allowed())
                    .isTrue();
            assertThat(authorizer.authorize(authenticated("anyone"),
                    request("create", "authorization.k8s.io", "selfsubjectaccessreviews", "", "")).allowed()).isTrue();
        }

        @Test
        void unauthenticatedCallersMayReadOnlyThePublicInfo() {
            KubernetesUser anonymous = user("system:anonymous", "system:unauthenticated");

            assertThat(authorizer.authorize(anonymous, new NonResourceRequest("get", "/version")).allowed()).isTrue();
            assertThat(authorizer.authorize(anonymous, new NonResourceRequest("get", "/apis")).allowed()).isFalse();
        }

        @Test
        void systemMastersIsBoundToClusterAdmin() {
            assertThat(authorizer.whoCan(ResourceRequest.of("delete", "", "nodes")).subjects())
                    .extracting(s -> s.subject() + " " + s.grant().via())
                    .contains("Group system:masters ClusterRoleBinding cluster-admin");
        }
    }
}
