package dev.eksauth.authz;

import java.util.List;
import java.util.Objects;

/**
 * An IAM principal (an ARN, or an ARN pattern with {@code *}) and the Kubernetes username and groups
 * it becomes, as templates: what {@link Authorizer#whoCan} needs to name the IAM principals behind
 * RBAC subjects. {@link AccessEntries#principalMappings()} gives those of access entries; an aws-auth
 * ConfigMap's entries give the same shape. When matched against a subject's name, each
 * {@code {{...}}} placeholder of a template stands for any non-empty text without braces, so that
 * {@code admin:{{SessionName}}} becomes {@code User admin:alice}. Immutable and thread-safe.
 *
 * @param principal the ARN or ARN pattern
 * @param username the username template, e.g. {@code admin:{{SessionName}}}
 * @param groups the group templates
 * @param source where the mapping is written, e.g. {@code mapRoles[2]} or {@code accessEntries[0]}
 */
public record PrincipalMapping(String principal, String username, List<String> groups, String source) {
    /** Checks and copies the components. */
    public PrincipalMapping {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(username, "username");
        groups = List.copyOf(groups);
        Objects.requireNonNull(source, "source");
    }
}
