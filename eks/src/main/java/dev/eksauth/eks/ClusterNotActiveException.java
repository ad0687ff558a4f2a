package dev.eksauth.eks;

/**
 * The cluster exists but is not {@code ACTIVE} (it is being created, updated or deleted, or it
 * failed), so it has no usable endpoint: {@link EksCluster#requireActive()} says so. The message
 * names the status.
 */
public final class ClusterNotActiveException extends InvalidEksRequestException {
    private static final long serialVersionUID = 1L;

    private final ClusterStatus status;

    /**
     * Creates the exception.
     *
     * @param message which cluster and its status
     * @param status the cluster's status
     */
    public ClusterNotActiveException(String message, ClusterStatus status) {
        super(message, null);
        this.status = status;
    }

    /** The cluster's status. */
    public ClusterStatus status() {
        return status;
    }
}
