package dev.eksauth.authz;

/** RoleBinding or ClusterRoleBinding. */
public enum BindingKind {
    /** A RoleBinding: grants in its own namespace. */
    ROLE_BINDING("RoleBinding"),
    /** A ClusterRoleBinding: grants everywhere. */
    CLUSTER_ROLE_BINDING("ClusterRoleBinding");

    private final String kindName;

    BindingKind(String kindName) {
        this.kindName = kindName;
    }

    /** The kind as manifests write it. */
    public String kindName() {
        return kindName;
    }
}
