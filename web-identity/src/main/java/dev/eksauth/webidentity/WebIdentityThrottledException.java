package dev.eksauth.webidentity;

/**
 * STS kept throttling AssumeRoleWithWebIdentity until the SDK's retries gave up: a kind of
 * {@link WebIdentityUnavailableException}. Retry later, more slowly.
 */
public final class WebIdentityThrottledException extends WebIdentityUnavailableException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened, without the token
     * @param stsErrorCode the STS error code, e.g. {@code Throttling}; null when there is none
     */
    public WebIdentityThrottledException(String message, String stsErrorCode) {
        super(message, stsErrorCode, null);
    }
}
