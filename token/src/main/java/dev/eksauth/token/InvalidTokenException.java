package dev.eksauth.token;

/**
 * The token is wrong: it failed a local check ({@link MalformedTokenException}), it is too old
 * ({@link ExpiredTokenException}), or STS refused its signature or credential
 * ({@link StsRejectedException}). The same token will never verify: answer HTTP 401, do not retry.
 */
public abstract sealed class InvalidTokenException extends TokenVerificationException
        permits MalformedTokenException, ExpiredTokenException, StsRejectedException {
    private static final long serialVersionUID = 1L;

    InvalidTokenException(String message) {
        super(message, null);
    }
}
