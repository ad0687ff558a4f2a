package dev.eksauth.authz;

import static dev.eksauth.authz.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RbacObjectsTest {
    static final String HEAD = "apiVersion: rbac.authorization.k8s.io/v1\n";

    static RbacObjects parse(String text) {
        return RbacObjects.parse(text, "f.yaml");
    }

    @Nested
    class WhatTheApiServerRefuses {
        @Test
        void aRuleWithoutVerbsDropsItsRoleAndNamesWhere() {
            RbacObjects objects = parse(HEAD + "kind: ClusterRole\nmetadata: {name: bad}\nrules: [{apiGroups: [''], resources: [pods]}]\n"
                    + "---\n" + HEAD + "kind: ClusterRole\nmetadata: {name: good}\nrules: []\n");

            assertThat(objects.roles()).extracting(Role::name).containsExactly("good");
            assertThat(objects.problems()).singleElement().hasToString(
                    "ERROR f.yaml#1 (ClusterRole bad): rules[0].verbs: at least one verb is required");
        }

        @Test
        void namespacedRulesMayNotNameNonResourceUrls() {
            RbacObjects objects = parse(HEAD + "kind: Role\nmetadata: {name: r, namespace: a}\n"
                    + "rules: [{nonResourceURLs: [/healthz], verbs: [get]}]\n");

            assertThat(objects.roles()).isEmpty();
            assertThat(objects.problems().get(0).message()).contains("namespaced rules cannot apply to non-resource URLs");
        }

        @Test
        void aRuleMayNotMixResourcesAndNonResourceUrls() {
            RbacObjects objects = parse(HEAD + "kind: ClusterRole\nmetadata: {name: r}\n"
                    + "rules: [{apiGroups: [''], resources: [pods], nonResourceURLs: [/x], verbs: [get]}]\n");

            assertThat(objects.problems().get(0).message()).contains("both regular resources and non-resource URLs");
        }

        @Test
        void aClusterRoleBindingMayNotReferToARole() {
            RbacObjects objects = parse(HEAD + "kind: ClusterRoleBinding\nmetadata: {name: b}\n"
                    + "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}\n");

            assertThat(objects.bindings()).isEmpty();
            assertThat(objects.problems().get(0).message()).contains("roleRef.kind must be ClusterRole");
        }

        @Test
        void aClusterRoleBindingsServiceAccountNeedsANamespace() {
            RbacObjects objects = parse(HEAD + "kind: ClusterRoleBinding\nmetadata: {name: b}\n"
                    + "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: r}\n"
                    + "subjects: [{kind: ServiceAccount, name: sa}]\n");

            assertThat(objects.problems().get(0).message()).contains("namespace is required");
        }

        @Test
        void anApiVersionNoLongerServedIsRefused() {
            RbacObjects objects = parse("apiVersion: rbac.authorization.k8s.io/v1beta1\nkind: ClusterRole\nmetadata: {name: r}\n");

            assertThat(objects.roles()).isEmpty();
            assertThat(objects.problems().get(0).message()).contains("no longer served");
        }

        @Test
        void aBrokenDocumentKeepsTheDocumentsBeforeIt() {
            RbacObjects objects = parse(HEAD + "kind: ClusterRole\nmetadata: {name: first}\n---\nkind: [unclosed\n");

            assertThat(objects.roles()).extracting(Role::name).containsExactly("first");
            assertThat(objects.problems().get(0).location()).isEqualTo("f.yaml#2");
        }
    }

    @Nested
    class Shapes {
        @Test
        void otherKindsAreSkippedAndListsAreOpened() {
            RbacObjects objects = parse(yaml("kind: List", "apiVersion: v1", "items:",
                    "- {apiVersion: v1, kind: ConfigMap, metadata: {name: x}}",
                    "- {apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRole, metadata: {name: r}}"));

            assertThat(objects.roles()).extracting(Role::name).containsExactly("r");
            assertThat(objects.problems()).isEmpty();
        }

        @Test
        void aRoleWithoutNamespaceIsTakenAsDefaultWithAWarning() {
            RbacObjects objects = parse(HEAD + "kind: Role\nmetadata: {name: r}\n");

            assertThat(objects.roles().get(0).namespace()).isEqualTo("default");
            assertThat(objects.problems().get(0).severity()).isEqualTo(AuthzProblem.Severity.WARNING);
        }

        @Test
        void theLaterOfTwoEqualObjectsApplies() {
            RbacObjects objects = parse(HEAD + "kind: ClusterRole\nmetadata: {name: r}\nrules: []\n---\n" + HEAD
                    + "kind: ClusterRole\nmetadata: {name: r}\nrules: [{nonResourceURLs: [/x], verbs: [get]}]\n");

            assertThat(objects.roles()).singleElement().extracting(r -> r.rules().size()).isEqualTo(1);
            assertThat(objects.problems()).singleElement().extracting(AuthzProblem::severity)
                    .isEqualTo(AuthzProblem.Severity.WARNING);
        }

        @Test
        void filesAndDirectoriesAreReadInNameOrder(@TempDir Path dir) throws IOException {
            Files.createDirectories(dir.resolve("sub"));
            Files.writeString(dir.resolve("sub/b.yml"), HEAD + "kind: ClusterRole\nmetadata: {name: b}\n");
            Files.writeString(dir.resolve("a.json"), "{\"apiVersion\": \"rbac.authorization.k8s.io/v1\", \"kind\": \"ClusterRole\","
                    + " \"metadata\": {\"name\": \"a\"}}");
            Files.writeString(dir.resolve("notes.txt"), "not a manifest");

            RbacObjects objects = RbacObjects.read(List.of(dir));

            assertThat(objects.roles()).extracting(Role::name).containsExactly("a", "b");
        }

        @Test
        void aliasBombsAreRefusedAsProblems() {
            StringBuilder bomb = new StringBuilder("a: &a [x,x,x,x,x,x,x,x,x]\n");
            for (int i = 0; i < 60; i++) {
                bomb.append("b").append(i).append(": &b").append(i).append(" [*a,*a,*a,*a,*a,*a]\n");
            }
            RbacObjects objects = parse(bomb.toString());

            assertThat(objects.problems()).singleElement().extracting(AuthzProblem::message).asString()
                    .contains("safety limit");
        }
    }
}
