package dev.eksauth.authz;

import java.util.List;
import java.util.Objects;

/**
 * Where an access policy applies: the whole cluster, or some namespaces (a name may end in
 * {@code *}, matching every namespace that starts with what precedes it). A namespace scope never
 * covers a request without a namespace (cluster-scoped, or across all namespaces). Immutable and
 * thread-safe.
 *
 * @param type cluster or namespace
 * @param namespaces the namespaces of a namespace scope; empty for a cluster scope
 */
public record AccessScope(Type type, List<String> namespaces) {

    /** The scope types, as EKS writes them ({@code cluster}, {@code namespace}). */
    public enum Type {
        /** Every namespace and every cluster-scoped resource. */
        CLUSTER,
        /** The listed namespaces only. */
        NAMESPACE
    }

    /**
     * Checks and copies the components.
     *
     * @throws IllegalArgumentException when a namespace scope lists no namespace or a cluster scope lists some
     */
    public AccessScope {
        Objects.requireNonNull(type, "type");
        namespaces = List.copyOf(namespaces);
        if ((type == Type.NAMESPACE) == namespaces.isEmpty()) {
            throw new IllegalArgumentException(type == Type.NAMESPACE ? "a namespace scope needs at least one namespace"
                    : "a cluster scope takes no namespaces");
        }
    }

    /** The cluster scope. */
    public static AccessScope cluster() {
        return new AccessScope(Type.CLUSTER, List.of());
    }

    /** A scope of namespaces. */
    public static AccessScope namespaces(List<String> namespaces) {
        return new AccessScope(Type.NAMESPACE, namespaces);
    }

    /** Whether a request in this namespace (empty for none) is in scope. */
    public boolean covers(String namespace) {
        if (type == Type.CLUSTER) {
            return true;
        }
        if (namespace.isEmpty()) {
            return false;
        }
        for (String n : namespaces) {
            if (n.equals(namespace) || n.endsWith("*") && namespace.startsWith(n.substring(0, n.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    /** {@code cluster} or {@code namespace [a, b-*]}. */
    @Override
    public String toString() {
        return type == Type.CLUSTER ? "cluster" : "namespace " + namespaces;
    }
}
