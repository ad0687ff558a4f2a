package dev.eksauth.eks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.eksauth.authz.AccessEntries;
import dev.eksauth.authz.AccessEntry;
import dev.eksauth.mapping.AwsAuth;
import dev.eksauth.mapping.AwsAuthProblem;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class MigrationPlanProperties {
    private static final List<String> USERNAMES = List.of("system:node:{{EC2PrivateDNSName}}", "system:node:{{SessionName}}",
            "admin:{{SessionName}}", "{{SessionName}}", "system:admin", "eks:x", "ops", "arn:aws:sts::111122223333:assumed-role/r/{{SessionName}}",
            "x:{{AccountID}}:{{SessionNameRaw}}", "");
    private static final List<String> GROUPS = List.of("system:masters", "system:nodes", "system:bootstrappers",
            "system:node-proxier", "eks:kube-proxy-windows", "team", "viewers", "{{SessionName}}");

    @Provide
    Arbitrary<String> awsAuth() {
        Arbitrary<String> role = Combinators.combine(
                Arbitraries.of("nodes", "fargate", "admins", "team", "path/role", "a/b/c"),
                Arbitraries.of(USERNAMES),
                Arbitraries.of(GROUPS).list().ofMaxSize(4),
                Arbitraries.of("", "      userid: AROAEXAMPLE\n"))
                .as((name, user, groups, pin) -> "    - rolearn: arn:aws:iam::111122223333:role/" + name + "\n"
                        + "      username: \"" + user + "\"\n" + pin
                        + "      groups: [" + String.join(", ", groups.stream().map(g -> "\"" + g + "\"").toList()) + "]\n");
        Arbitrary<String> user = Combinators.combine(Arbitraries.of("alice", "bob"), Arbitraries.of(USERNAMES),
                Arbitraries.of(GROUPS).list().ofMaxSize(3))
                .as((name, u, groups) -> "    - userarn: arn:aws:iam::111122223333:user/" + name + "\n"
                        + "      username: \"" + u + "\"\n"
                        + "      groups: [" + String.join(", ", groups.stream().map(g -> "\"" + g + "\"").toList()) + "]\n");
        return Combinators.combine(role.list().ofMaxSize(6), user.list().ofMaxSize(3))
                .as((roles, users) -> "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: aws-auth\n  namespace: kube-system\n"
                        + "data:\n  mapRoles: |\n" + String.join("", roles.isEmpty() ? List.of("    []\n") : roles)
                        + "  mapUsers: |\n" + String.join("", users.isEmpty() ? List.of("    []\n") : users));
    }

    @Property
    void everyPlannedEntryIsOneEksAcceptsAndEveryMappingIsAccountedFor(@ForAll("awsAuth") String configMap) {
        AwsAuth awsAuth = AwsAuth.parseConfigMap(configMap);
        MigrationPlan plan = MigrationPlan.of(awsAuth);

        List<AccessEntry> entries = plan.entries().entries();
        assertThat(AccessEntries.of(entries).problems()).isEmpty();
        assertThat(entries).allSatisfy(e -> assertThat(e.kubernetesGroups()).noneMatch(g -> g.startsWith("system:")));
        long refused = awsAuth.problems().stream().filter(p -> p.severity() == AwsAuthProblem.Severity.ERROR)
                .map(p -> p.key() + "[" + p.index() + "]").distinct().count();
        long mappings = awsAuth.config().roles().size() + awsAuth.config().users().size() + refused;
        long fullyLeft = plan.unmigrated().stream().filter(u -> !u.reason().contains("the entry is planned without it"))
                .map(MigrationPlan.Unmigrated::source).distinct().count();
        assertThat(entries.size() + fullyLeft).isEqualTo(mappings);
        assertThat(AccessEntries.fromJson(plan.entries().toJson()).entries()).isEqualTo(entries);
    }
}
