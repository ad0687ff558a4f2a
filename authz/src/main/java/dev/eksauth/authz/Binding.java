package dev.eksauth.authz;

import java.util.List;
import java.util.Objects;

/**
 * A RoleBinding (grants in its namespace only, a Role of that namespace or a ClusterRole) or a
 * ClusterRoleBinding (grants a ClusterRole everywhere). The subjects list is copied and
 * unmodifiable. Immutable and thread-safe.
 *
 * @param kind RoleBinding or ClusterRoleBinding
 * @param namespace the RoleBinding's namespace; empty for a ClusterRoleBinding
 * @param name the name
 * @param roleKind the kind of role referred to
 * @param roleName the name of the role referred to
 * @param subjects who is granted the role
 */
public record Binding(BindingKind kind, String namespace, String name, RoleKind roleKind, String roleName,
        List<Subject> subjects) {

    /** Checks and copies the components. */
    public Binding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(roleKind, "roleKind");
        Objects.requireNonNull(roleName, "roleName");
        subjects = List.copyOf(subjects);
    }

    /** A ClusterRoleBinding of a ClusterRole. */
    public static Binding clusterRoleBinding(String name, String clusterRole, List<Subject> subjects) {
        return new Binding(BindingKind.CLUSTER_ROLE_BINDING, "", name, RoleKind.CLUSTER_ROLE, clusterRole, subjects);
    }

    /** A RoleBinding in a namespace of a Role or ClusterRole. */
    public static Binding roleBinding(String namespace, String name, RoleKind roleKind, String roleName,
            List<Subject> subjects) {
        return new Binding(BindingKind.ROLE_BINDING, namespace, name, roleKind, roleName, subjects);
    }

    /** E.g. {@code ClusterRoleBinding admins}, {@code RoleBinding team-a/deployers}. */
    @Override
    public String toString() {
        return kind.kindName() + " " + (namespace.isEmpty() ? "" : namespace + "/") + name;
    }
}
