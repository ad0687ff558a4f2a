package dev.eksauth.authz;

import java.util.Objects;

/**
 * A request on a resource: verb, API group, resource, subresource, name and namespace, as the API
 * server's request attributes hold them. Empty strings mean "none": the core API group, no
 * subresource, no name, no namespace (cluster-scoped, or across all namespaces). Immutable and
 * thread-safe.
 *
 * @param verb the verb, e.g. {@code get}, {@code list}, {@code create}, {@code escalate}
 * @param apiGroup the API group, empty for the core group
 * @param resource the resource's plural name, e.g. {@code pods}
 * @param subresource the subresource, e.g. {@code status}, or empty
 * @param name the object's name, or empty
 * @param namespace the namespace, or empty
 */
public record ResourceRequest(String verb, String apiGroup, String resource, String subresource, String name,
        String namespace) implements AccessRequest {

    /**
     * Checks the components.
     *
     * @throws NullPointerException when a component is null
     * @throws IllegalArgumentException when the verb or resource is empty
     */
    public ResourceRequest {
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(apiGroup, "apiGroup");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(subresource, "subresource");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        if (verb.isEmpty() || resource.isEmpty()) {
            throw new IllegalArgumentException("a resource request needs a verb and a resource");
        }
    }

    /** A cluster-wide request on a resource of an API group ({@code ""} for the core group). */
    public static ResourceRequest of(String verb, String apiGroup, String resource) {
        return new ResourceRequest(verb, apiGroup, resource, "", "", "");
    }

    /** This request in a namespace. */
    public ResourceRequest inNamespace(String namespace) {
        return new ResourceRequest(verb, apiGroup, resource, subresource, name, namespace);
    }

    /** This request on the object of that name. */
    public ResourceRequest named(String name) {
        return new ResourceRequest(verb, apiGroup, resource, subresource, name, namespace);
    }

    /** This request on a subresource, e.g. {@code status}. */
    public ResourceRequest onSubresource(String subresource) {
        return new ResourceRequest(verb, apiGroup, resource, subresource, name, namespace);
    }

    /** E.g. {@code get pods/log "web-1" in team-a}. */
    @Override
    public String toString() {
        return verb + " " + resource + (apiGroup.isEmpty() ? "" : "." + apiGroup)
                + (subresource.isEmpty() ? "" : "/" + subresource) + (name.isEmpty() ? "" : " \"" + name + "\"")
                + (namespace.isEmpty() ? "" : " in " + namespace);
    }
}
