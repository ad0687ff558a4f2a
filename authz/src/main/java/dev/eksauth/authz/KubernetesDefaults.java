package dev.eksauth.authz;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The RBAC objects every Kubernetes cluster has, bundled as a versioned set: the user-facing
 * ClusterRoles {@code cluster-admin}, {@code admin}, {@code edit} and {@code view} with their
 * aggregation ({@code system:aggregate-to-admin}, {@code -edit}, {@code -view}), the discovery roles
 * {@code system:basic-user}, {@code system:discovery} and {@code system:public-info-viewer}, and
 * their ClusterRoleBindings ({@code cluster-admin} to {@code system:masters}, the discovery roles to
 * {@code system:authenticated}, and {@code system:public-info-viewer} also to
 * {@code system:unauthenticated}).
 *
 * <p>Source: the Kubernetes RBAC bootstrap policy
 * ({@code plugin/pkg/auth/authorizer/rbac/bootstrappolicy}, whose {@code testdata/cluster-roles.yaml}
 * and {@code cluster-role-bindings.yaml} list what the API server creates) for the version
 * {@link #VERSION}. The resource {@code kubernetes-default-rbac.yaml} says the same in its header.
 * The controllers' and nodes' own {@code system:} roles are not included. Stateless and thread-safe.
 */
public final class KubernetesDefaults {
    /** The Kubernetes minor version the bundled set reproduces. */
    public static final String VERSION = "1.31";

    private static final String RESOURCE = "kubernetes-default-rbac.yaml";
    private static volatile RbacObjects loaded;

    private KubernetesDefaults() {
    }

    /** The default roles and bindings of Kubernetes {@link #VERSION}. */
    public static RbacObjects rbac() {
        RbacObjects objects = loaded;
        if (objects == null) {
            try (InputStream in = KubernetesDefaults.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the bundled resource " + RESOURCE + " is missing");
                }
                objects = RbacObjects.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                        "kubernetes-" + VERSION + " defaults");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (!objects.problems().isEmpty()) {
                throw new IllegalStateException("the bundled defaults have problems: " + objects.problems());
            }
            loaded = objects;
        }
        return objects;
    }
}
