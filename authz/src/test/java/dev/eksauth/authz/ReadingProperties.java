package dev.eksauth.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ReadingProperties {
    static final String ROLE = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: r, labels: {a: b}}\n"
            + "aggregationRule: {clusterRoleSelectors: [{matchExpressions: [{key: k, operator: In, values: [v]}]}]}\n"
            + "rules: [{apiGroups: [''], resources: [pods], verbs: [get], resourceNames: [x]}]\n---\n"
            + "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: b, namespace: n}\n"
            + "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}\n"
            + "subjects: [{kind: ServiceAccount, name: s}, {kind: User, name: u, apiGroup: rbac.authorization.k8s.io}]\n";

    @Property
    void arbitraryTextYieldsOnlyProblems(@ForAll String text) {
        assertThatCode(() -> RbacObjects.parse(text, "any")).doesNotThrowAnyException();
    }

    @Property
    void mangledManifestsYieldOnlyProblems(@ForAll("mangled") String text) {
        RbacObjects objects = RbacObjects.parse(text, "any");

        assertThat(objects.problems()).allSatisfy(p -> assertThat(p.message()).isNotBlank());
    }

    @Property
    void arbitraryAccessEntriesYieldEntriesProblemsOrOurException(@ForAll("entryJson") String json) {
        try {
            AccessEntries entries = AccessEntries.fromJson(json);
            assertThat(entries.problems()).allSatisfy(p -> assertThat(p.message()).isNotBlank());
        } catch (InvalidAccessEntriesException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<String> mangled() {
        return Arbitraries.integers().between(0, ROLE.length() - 1).list().ofMinSize(1).ofMaxSize(4).flatMap(cuts ->
                Arbitraries.of("", "[", "]", "{", "}", ":", "- ", "\n", "'", "*a", "&a ", "null", "7", "[x]", "{k: v}")
                        .list().ofSize(cuts.size()).map(inserts -> {
                            StringBuilder b = new StringBuilder(ROLE);
                            for (int i = 0; i < cuts.size(); i++) {
                                int at = Math.min(cuts.get(i), b.length());
                                b.replace(at, Math.min(at + 1, b.length()), inserts.get(i));
                            }
                            return b.toString();
                        }));
    }

    @Provide
    Arbitrary<String> entryJson() {
        String good = "{\"accessEntries\": [{\"principalArn\": \"arn:aws:iam::111122223333:role/A\", \"type\": \"STANDARD\","
                + " \"username\": \"a:{{SessionName}}\", \"kubernetesGroups\": [\"g\"], \"accessPolicies\": [{\"policyArn\":"
                + " \"arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy\", \"accessScope\": {\"type\": \"namespace\","
                + " \"namespaces\": [\"a\"]}}]}]}";
        return Arbitraries.integers().between(0, good.length() - 1).list().ofMinSize(1).ofMaxSize(3).flatMap(cuts ->
                Arbitraries.of("", "[", "]", "{", "}", ":", ",", "\"", "null", "1", "{{", "system:").list().ofSize(cuts.size())
                        .map(inserts -> {
                            StringBuilder b = new StringBuilder(good);
                            for (int i = 0; i < cuts.size(); i++) {
                                int at = Math.min(cuts.get(i), b.length());
                                b.replace(at, Math.min(at + 1, b.length()), inserts.get(i));
                            }
                            return b.toString();
                        }));
    }
}
