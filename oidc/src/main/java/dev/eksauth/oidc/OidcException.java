package dev.eksauth.oidc;

/**
 * The base of every error the oidc module reports: {@link OidcVerificationException}, an OIDC ID
 * token was not verified, because it is wrong ({@link InvalidOidcTokenException}) or because its
 * issuer's keys cannot be had ({@link IssuerUnavailableException}); and
 * {@link InvalidAuthenticationConfigurationException}, an authentication configuration file is
 * wrong (the invalid family too). Misuse of a builder is an {@link IllegalArgumentException} or
 * {@link IllegalStateException} instead, never this.
 *
 * <p>Messages say what was wrong; they never contain a token or a signature.
 */
public abstract sealed class OidcException extends RuntimeException permits OidcVerificationException, InvalidAuthenticationConfigurationException {
    private static final long serialVersionUID = 1L;

    OidcException(String message, Throwable cause) {
        super(message, cause);
    }
}
