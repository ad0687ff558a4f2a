package dev.eksauth.authz;

import java.util.Objects;
import java.util.Optional;

/**
 * Why something is allowed: the binding and role (or the access entry and policy, or the privileged
 * group) and the rule. Immutable and thread-safe.
 *
 * @param source what kind of grant it is
 * @param via the binding, access entry or group, e.g. {@code ClusterRoleBinding admins}
 * @param role the role or policy, e.g. {@code ClusterRole cluster-admin}
 * @param rule the rule that allows it; empty for the privileged group, which needs none
 */
public record Grant(Source source, String via, String role, Optional<PolicyRule> rule) {

    /** The kinds of grant. */
    public enum Source {
        /** Membership of {@code system:masters}, allowed everything before RBAC is asked. */
        PRIVILEGED_GROUP,
        /** A ClusterRoleBinding. */
        CLUSTER_ROLE_BINDING,
        /** A RoleBinding, in its namespace. */
        ROLE_BINDING,
        /** An EKS access policy associated with an access entry. */
        ACCESS_POLICY
    }

    /** Checks the components. */
    public Grant {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(via, "via");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(rule, "rule");
    }

    /** E.g. {@code ClusterRoleBinding admins grants ClusterRole cluster-admin, rule verbs=[*] ...}. */
    @Override
    public String toString() {
        if (source == Source.PRIVILEGED_GROUP) {
            return via + " is allowed everything (" + role + ")";
        }
        return via + " grants " + role + rule.map(r -> ", rule " + r).orElse("");
    }
}
