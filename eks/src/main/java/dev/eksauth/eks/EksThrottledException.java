package dev.eksauth.eks;

/** EKS throttled the caller (429 {@code ThrottlingException}) after the SDK's retries: retry later, more slowly. */
public final class EksThrottledException extends EksUnavailableException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which operation was throttled
     * @param cause the SDK's exception, or null
     */
    public EksThrottledException(String message, Throwable cause) {
        super(message, cause);
    }
}
