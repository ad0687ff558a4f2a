package dev.eksauth.oidc;

/**
 * The base of every error the oidc module reports: an OIDC token was not verified
 * ({@link OidcVerificationException}).
 *
 * <p>Messages say what was wrong; they never contain a token, a signature or a credential.
 */
public abstract sealed class OidcException extends RuntimeException
        permits OidcVerificationException {
    private static final long serialVersionUID = 1L;

    OidcException(String message, Throwable cause) {
        super(message, cause);
    }
}
