package dev.eksauth.token;

/**
 * STS could not be reached, timed out, answered with a server error until the retry deadline
 * passed, or gave an answer that could not be read; or, as the subclass
 * {@link StsThrottledException}, it throttled the verifier. Nothing is known about the token:
 * answer HTTP 503 (429 when throttled) and retry later.
 */
public sealed class StsUnavailableException extends TokenVerificationException permits StsThrottledException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened
     * @param cause the underlying failure, or null
     */
    public StsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
