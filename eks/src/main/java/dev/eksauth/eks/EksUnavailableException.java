package dev.eksauth.eks;

/**
 * EKS could not be reached, timed out or failed (a 5xx answer), after the SDK's retries; or, as
 * {@link EksThrottledException}, it throttled the caller. Nothing is known to be wrong with the
 * request: retry later.
 */
public sealed class EksUnavailableException extends EksException permits EksThrottledException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which operation failed and how, one line, without credentials
     * @param cause the SDK's exception, or null
     */
    public EksUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
