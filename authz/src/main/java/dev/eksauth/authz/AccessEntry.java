package dev.eksauth.authz;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.eksauth.core.Arn;

/**
 * An EKS access entry: an IAM role or user, how EKS maps it to a Kubernetes user, and the access
 * policies associated with it. {@link AccessEntries} reads and checks entries as EKS does. Lists are
 * copied and unmodifiable. Immutable and thread-safe.
 *
 * @param principalArn the IAM role or user ARN (a role's path included)
 * @param type the entry type
 * @param username the username template set on the entry; empty for EKS's default
 * @param kubernetesGroups the groups of a {@code STANDARD} entry
 * @param accessPolicies the associated access policies of a {@code STANDARD} entry
 */
public record AccessEntry(Arn principalArn, AccessEntryType type, Optional<String> username, List<String> kubernetesGroups,
        List<AccessPolicyAssociation> accessPolicies) {

    /** Checks and copies the components. */
    public AccessEntry {
        Objects.requireNonNull(principalArn, "principalArn");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(username, "username");
        kubernetesGroups = List.copyOf(kubernetesGroups);
        accessPolicies = List.copyOf(accessPolicies);
    }
}
