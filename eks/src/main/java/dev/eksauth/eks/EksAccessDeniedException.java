package dev.eksauth.eks;

/**
 * The caller's IAM identity is not allowed the EKS action (EKS's {@code AccessDeniedException}, or
 * a signature EKS refused). {@link #permission()} names the permission to grant, e.g.
 * {@code eks:DescribeCluster}.
 */
public final class EksAccessDeniedException extends InvalidEksRequestException {
    private static final long serialVersionUID = 1L;

    private final String permission;

    /**
     * Creates the exception.
     *
     * @param message what was denied, naming the permission
     * @param permission the IAM permission that is missing, e.g. {@code eks:DescribeCluster}
     * @param cause the SDK's exception, or null
     */
    public EksAccessDeniedException(String message, String permission, Throwable cause) {
        super(message, cause);
        this.permission = permission;
    }

    /** The IAM permission that is missing, e.g. {@code eks:DescribeCluster}. */
    public String permission() {
        return permission;
    }
}
