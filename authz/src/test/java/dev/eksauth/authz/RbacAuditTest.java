package dev.eksauth.authz;

import static dev.eksauth.authz.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.eksauth.core.Arn;

class RbacAuditTest {
    final RbacObjects team = RbacObjects.parse(yaml(
            "apiVersion: v1",
            "kind: List",
            "items:",
            "- apiVersion: rbac.authorization.k8s.io/v1",
            "  kind: RoleBinding",
            "  metadata: {name: editors, namespace: team}",
            "  roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}",
            "  subjects: [{kind: Group, name: team-editors}]",
            "- apiVersion: rbac.authorization.k8s.io/v1",
            "  kind: ClusterRoleBinding",
            "  metadata: {name: platform}",
            "  roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}",
            "  subjects: [{kind: Group, name: platform}]"), "team.yaml");

    final Authorizer authorizer = Authorizer.builder().rbac(KubernetesDefaults.rbac()).rbac(team)
            .accessEntries(AccessEntries.of(List.of(new AccessEntry(Arn.parse("arn:aws:iam::111122223333:role/Auditor"),
                    AccessEntryType.STANDARD, Optional.empty(), List.of(), List.of(new AccessPolicyAssociation(
                            "arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminViewPolicy",
                            AccessScope.namespaces(List.of("prod-*"))))))))
            .principalMappings(List.of(new PrincipalMapping("arn:aws:iam::111122223333:role/Platform", "platform:{{SessionName}}",
                    List.of("platform"), "mapRoles[0]")))
            .build();

    @Test
    void findsClusterAdminsSecretReadersAndTheirPrincipals() {
        List<AuditFinding> findings = RbacAudit.of(authorizer).findings();

        assertThat(findings).filteredOn(f -> f.check() == RbacAudit.Check.CLUSTER_ADMIN)
                .extracting(f -> f.subject().map(Subject::toString).orElse("") + "|" + f.principal().orElse(""))
                .contains("Group system:masters|", "Group platform|", "Group platform|arn:aws:iam::111122223333:role/Platform");
        assertThat(findings).filteredOn(f -> f.check() == RbacAudit.Check.READ_SECRETS)
                .extracting(f -> f.scope() + "|" + f.subject().map(Subject::toString).orElse(f.principal().orElse("")))
                .contains("namespace team|Group team-editors", "namespace [prod-*]|arn:aws:iam::111122223333:role/Auditor");
        assertThat(findings).filteredOn(f -> f.check() == RbacAudit.Check.IMPERSONATE)
                .extracting(AuditFinding::scope).contains("namespace team");
    }

    @Test
    void theJsonIsStableForDiffs() {
        String once = RbacAudit.of(authorizer).toJson();

        assertThat(RbacAudit.of(authorizer).toJson()).isEqualTo(once);
        assertThat(once).contains("\"check\" : \"cluster_admin\"");
    }
}
