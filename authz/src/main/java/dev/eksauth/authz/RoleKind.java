package dev.eksauth.authz;

/** Role or ClusterRole. */
public enum RoleKind {
    /** A namespaced Role. */
    ROLE("Role"),
    /** A cluster-wide ClusterRole. */
    CLUSTER_ROLE("ClusterRole");

    private final String kindName;

    RoleKind(String kindName) {
        this.kindName = kindName;
    }

    /** The kind as manifests write it. */
    public String kindName() {
        return kindName;
    }
}
