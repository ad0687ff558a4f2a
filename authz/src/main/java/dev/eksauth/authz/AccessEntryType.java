package dev.eksauth.authz;

import java.util.List;
import java.util.Optional;

/**
 * The type of an EKS access entry. {@link #STANDARD} entries may set a username and Kubernetes
 * groups and take access policies; the node types take IAM roles only, and EKS sets their username
 * and groups.
 *
 * <p>The node usernames are those the EKS User Guide lists under "Create access entries"
 * ({@code EC2_LINUX} and {@code EC2_WINDOWS}: {@code system:node:{{EC2PrivateDNSName}}};
 * {@code FARGATE_LINUX} and {@code HYBRID_LINUX}: {@code system:node:{{SessionName}}}). The guide
 * lists no username for {@code EC2} (Auto Mode) and {@code HYPERPOD_LINUX}; they take
 * {@code system:node:{{SessionName}}} here, the session name being the instance's id. Every node type
 * is in the group {@code system:nodes}, which the Node authorizer and the node roles expect.
 */
public enum AccessEntryType {
    /** A person's or a workload's role or user. */
    STANDARD(null),
    /** An EKS Auto Mode node role. */
    EC2("system:node:{{SessionName}}"),
    /** A self-managed Linux or Bottlerocket node role. */
    EC2_LINUX("system:node:{{EC2PrivateDNSName}}"),
    /** A self-managed Windows node role. */
    EC2_WINDOWS("system:node:{{EC2PrivateDNSName}}"),
    /** A Fargate pod execution role. */
    FARGATE_LINUX("system:node:{{SessionName}}"),
    /** An EKS Hybrid Nodes role. */
    HYBRID_LINUX("system:node:{{SessionName}}"),
    /** A SageMaker HyperPod node role. */
    HYPERPOD_LINUX("system:node:{{SessionName}}");

    private final String nodeUsername;

    AccessEntryType(String nodeUsername) {
        this.nodeUsername = nodeUsername;
    }

    /** Whether this is a node type: roles only, username and groups set by EKS, no access policies. */
    public boolean isNode() {
        return nodeUsername != null;
    }

    /** The username template EKS sets for a node type; empty for {@link #STANDARD}. */
    public Optional<String> nodeUsername() {
        return Optional.ofNullable(nodeUsername);
    }

    /** The groups EKS sets for a node type; empty for {@link #STANDARD}. */
    public List<String> nodeGroups() {
        return isNode() ? List.of("system:nodes") : List.of();
    }
}
