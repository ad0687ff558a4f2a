package dev.eksauth.webidentity;

/**
 * STS could not be reached, failed, or could not reach the identity provider, after the SDK's
 * retries; or, as the subclass {@link WebIdentityThrottledException}, it throttled the caller.
 * Nothing is known to be wrong with the web identity: retry later. The message names the role;
 * {@link #stsErrorCode()} holds STS's error code when it answered with one.
 */
public sealed class WebIdentityUnavailableException extends WebIdentityException
        permits WebIdentityThrottledException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened, without the token
     * @param stsErrorCode the STS error code, e.g. {@code IDPCommunicationError}; null when there is none
     * @param cause the underlying failure, or null; it must not contain the token
     */
    public WebIdentityUnavailableException(String message, String stsErrorCode, Throwable cause) {
        super(message, stsErrorCode, cause);
    }
}
