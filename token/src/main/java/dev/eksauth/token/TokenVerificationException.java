package dev.eksauth.token;

/**
 * A token was not verified. Two families, named as in every eksauth module:
 * <ul>
 *   <li>{@link InvalidTokenException}: the token is wrong ({@link MalformedTokenException},
 *       {@link ExpiredTokenException}, or {@link StsRejectedException} when STS refused it). Answer
 *       HTTP 401 and do not retry with the same token;</li>
 *   <li>{@link StsUnavailableException}: STS could not be reached, failed or gave no usable answer
 *       in time, or throttled the verifier ({@link StsThrottledException}). Answer 503 (429 when
 *       throttled) and retry later: the token may well be good.</li>
 * </ul>
 *
 * <p>Callers catch this base type or a family; tests assert the subclass. Messages never echo the
 * token or its signature.
 */
public abstract sealed class TokenVerificationException extends TokenException
        permits InvalidTokenException, StsUnavailableException {
    private static final long serialVersionUID = 1L;

    TokenVerificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
