package dev.eksauth.authz;

/** The kinds of RBAC subject. */
public enum SubjectKind {
    /** {@code User}: matches the username. */
    USER("User"),
    /** {@code Group}: matches one of the user's groups. */
    GROUP("Group"),
    /** {@code ServiceAccount}: matches the username {@code system:serviceaccount:NAMESPACE:NAME}. */
    SERVICE_ACCOUNT("ServiceAccount");

    private final String kindName;

    SubjectKind(String kindName) {
        this.kindName = kindName;
    }

    /** The kind as manifests write it, e.g. {@code ServiceAccount}. */
    public String kindName() {
        return kindName;
    }
}
