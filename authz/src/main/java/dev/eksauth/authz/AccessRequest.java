package dev.eksauth.authz;

/**
 * What a caller asks the API server to do: a {@link ResourceRequest} or a {@link NonResourceRequest}.
 * Immutable and thread-safe.
 */
public sealed interface AccessRequest permits ResourceRequest, NonResourceRequest {

    /** The verb, e.g. {@code get}; case-sensitive, as RBAC compares it. */
    String verb();

    /** The namespace, or the empty string for a cluster-scoped request or one across all namespaces. */
    String namespace();
}
