package dev.eksauth.authz;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.eksauth.core.KubernetesUser;

/** Shared test helpers: manifests from test resources, users and requests. */
final class Fixtures {
    private Fixtures() {
    }

    /** The RBAC objects of a test resource, e.g. {@code rbac/k8s-table/wildcards.yaml}; fails on any problem. */
    static RbacObjects rbac(String resource) {
        RbacObjects objects = RbacObjects.parse(text(resource), resource);
        if (!objects.problems().isEmpty()) {
            throw new AssertionError(resource + " has problems: " + objects.problems());
        }
        return objects;
    }

    static String text(String resource) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("no test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static KubernetesUser user(String name, String... groups) {
        return KubernetesUser.of(name, List.of(groups));
    }

    /** A resource request in a namespace (empty for none) on a core or named API group. */
    static ResourceRequest request(String verb, String apiGroup, String resource, String subresource, String namespace) {
        return new ResourceRequest(verb, apiGroup, resource, subresource, "", namespace);
    }

    static String yaml(String... lines) {
        return String.join("\n", lines) + "\n";
    }
}
