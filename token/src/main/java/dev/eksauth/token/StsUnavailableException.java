package dev.eksauth.token;

/**
 * STS could not be reached, timed out, answered with a server error until the retry deadline passed,
 * or gave an answer that could not be read. Retrying later may succeed.
 */
public final class StsUnavailableException extends TokenVerificationException {
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
