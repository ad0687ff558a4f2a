package dev.eksauth.eks;

/**
 * No cluster of that name exists in the account and region asked (EKS's
 * {@code ResourceNotFoundException}). Check the name, {@code AWS_REGION} and the account of the
 * credentials.
 */
public final class ClusterNotFoundException extends InvalidEksRequestException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which cluster, in which region, was not found
     * @param cause the SDK's exception, or null
     */
    public ClusterNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
