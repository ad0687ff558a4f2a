package dev.eksauth.authz;

import java.util.Objects;

/**
 * A request on a path that is not a resource, e.g. {@code get /healthz}. Immutable and thread-safe.
 *
 * @param verb the HTTP verb in lower case, e.g. {@code get}
 * @param path the path, starting with {@code /}
 */
public record NonResourceRequest(String verb, String path) implements AccessRequest {

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException when the verb is empty or the path does not start with {@code /}
     */
    public NonResourceRequest {
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(path, "path");
        if (verb.isEmpty() || !path.startsWith("/")) {
            throw new IllegalArgumentException("a non-resource request needs a verb and a path starting with /");
        }
    }

    /** Non-resource requests have no namespace: always empty. */
    @Override
    public String namespace() {
        return "";
    }

    @Override
    public String toString() {
        return verb + " " + path;
    }
}
