package dev.eksauth.eks;

/** The status of an EKS cluster, as DescribeCluster gives it. Only an {@link #ACTIVE} cluster serves. */
public enum ClusterStatus {
    /** Being created. */
    CREATING,
    /** Serving. */
    ACTIVE,
    /** Being deleted. */
    DELETING,
    /** Creation failed. */
    FAILED,
    /** Being updated; it may serve meanwhile. */
    UPDATING,
    /** Pending (EKS Anywhere and connected clusters). */
    PENDING,
    /** A status this version of eksauth does not know. */
    UNKNOWN
}
