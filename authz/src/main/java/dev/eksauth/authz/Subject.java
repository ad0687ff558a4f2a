package dev.eksauth.authz;

import java.util.Objects;

/**
 * A subject of a RoleBinding or ClusterRoleBinding: a user, a group or a service account. Immutable
 * and thread-safe.
 *
 * @param kind what the subject is
 * @param name the user, group or service account name
 * @param namespace the service account's namespace; empty for users and groups (and for a service
 *     account of a RoleBinding that leaves it to the binding's namespace)
 */
public record Subject(SubjectKind kind, String name, String namespace) {

    /** The username of every service account: {@code system:serviceaccount:NAMESPACE:NAME}. */
    public static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";

    /** Checks the components. */
    public Subject {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
    }

    /** A user subject. */
    public static Subject user(String name) {
        return new Subject(SubjectKind.USER, name, "");
    }

    /** A group subject. */
    public static Subject group(String name) {
        return new Subject(SubjectKind.GROUP, name, "");
    }

    /** A service account subject. */
    public static Subject serviceAccount(String namespace, String name) {
        return new Subject(SubjectKind.SERVICE_ACCOUNT, name, namespace);
    }

    /** E.g. {@code Group dev}, {@code ServiceAccount ci/deployer}. */
    @Override
    public String toString() {
        return kind.kindName() + " " + (namespace.isEmpty() ? "" : namespace + "/") + name;
    }
}
