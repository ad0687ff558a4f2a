package dev.eksauth.authz;

import java.util.List;
import java.util.Objects;

/**
 * An EKS access policy: its name (the last part of
 * {@code arn:aws:eks::aws:cluster-access-policy/NAME}) and the Kubernetes rules it grants. Immutable
 * and thread-safe.
 *
 * @param name the policy name, e.g. {@code AmazonEKSViewPolicy}
 * @param rules the rules
 */
public record AccessPolicy(String name, List<PolicyRule> rules) {
    /** Checks and copies the components. */
    public AccessPolicy {
        Objects.requireNonNull(name, "name");
        rules = List.copyOf(rules);
    }

    /** The policy's ARN in the {@code aws} partition. */
    public String arn() {
        return "arn:aws:eks::aws:cluster-access-policy/" + name;
    }
}
