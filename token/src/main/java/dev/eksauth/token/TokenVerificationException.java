package dev.eksauth.token;

/**
 * A token was not verified. The subclass says why: the token itself is malformed
 * ({@link MalformedTokenException}, no STS request was made), STS refused it
 * ({@link StsRejectedException}), STS throttled the verifier ({@link StsThrottledException}), or
 * STS could not be reached or gave no usable answer in time ({@link StsUnavailableException}).
 *
 * <p>Callers usually catch this base type; a webhook maps throttling to HTTP 429 and unavailability
 * to a retryable error. Messages never echo the token or its signature.
 */
public abstract sealed class TokenVerificationException extends TokenException
        permits MalformedTokenException, StsRejectedException, StsThrottledException, StsUnavailableException {
    private static final long serialVersionUID = 1L;

    TokenVerificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
