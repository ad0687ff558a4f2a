package dev.eksauth.token;

/**
 * The base of every error the token module reports: a token could not be generated
 * ({@link TokenGenerationException}) or a token was not verified ({@link TokenVerificationException}).
 *
 * <p>Messages say what was wrong; they never contain a token, a signature or a credential.
 */
public abstract sealed class TokenException extends RuntimeException
        permits TokenGenerationException, TokenVerificationException {
    private static final long serialVersionUID = 1L;

    TokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
