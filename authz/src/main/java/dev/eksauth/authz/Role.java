package dev.eksauth.authz;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Role (namespaced) or ClusterRole, with its rules and, for an aggregated ClusterRole, the
 * selectors of the ClusterRoles whose rules it gathers. Collections are copied and unmodifiable.
 * Immutable and thread-safe.
 *
 * @param kind Role or ClusterRole
 * @param namespace the Role's namespace; empty for a ClusterRole
 * @param name the name
 * @param labels the labels (aggregation selects ClusterRoles by them)
 * @param rules the rules; for an aggregated ClusterRole, as written (the aggregation replaces them)
 * @param aggregationRule the {@code aggregationRule.clusterRoleSelectors} of an aggregated ClusterRole
 */
public record Role(RoleKind kind, String namespace, String name, Map<String, String> labels, List<PolicyRule> rules,
        Optional<List<LabelSelector>> aggregationRule) {

    /** Checks and copies the components. */
    public Role {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        labels = Map.copyOf(labels);
        rules = List.copyOf(rules);
        aggregationRule = aggregationRule.map(List::copyOf);
    }

    /** A ClusterRole with rules and no labels or aggregation. */
    public static Role clusterRole(String name, List<PolicyRule> rules) {
        return new Role(RoleKind.CLUSTER_ROLE, "", name, Map.of(), rules, Optional.empty());
    }

    /** A Role of a namespace with rules. */
    public static Role role(String namespace, String name, List<PolicyRule> rules) {
        return new Role(RoleKind.ROLE, namespace, name, Map.of(), rules, Optional.empty());
    }

    /** E.g. {@code ClusterRole view}, {@code Role team-a/deployer}. */
    @Override
    public String toString() {
        return kind.kindName() + " " + (namespace.isEmpty() ? "" : namespace + "/") + name;
    }
}
