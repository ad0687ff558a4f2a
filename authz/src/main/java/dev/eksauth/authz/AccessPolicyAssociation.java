package dev.eksauth.authz;

import java.util.Objects;

/**
 * An access policy associated with an access entry, with its scope. Immutable and thread-safe.
 *
 * @param policyArn the policy, e.g. {@code arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy}
 * @param accessScope where it applies
 */
public record AccessPolicyAssociation(String policyArn, AccessScope accessScope) {
    /** Checks the components. */
    public AccessPolicyAssociation {
        Objects.requireNonNull(policyArn, "policyArn");
        Objects.requireNonNull(accessScope, "accessScope");
    }
}
