package dev.eksauth.oidc;

/**
 * An OIDC ID token was not verified. Two families, named as in every eksauth module:
 * <ul>
 *   <li>{@link InvalidOidcTokenException}: the token is wrong (its {@code reason()} names the rule it
 *       broke). Answer HTTP 401 and do not retry with the same token;</li>
 *   <li>{@link IssuerUnavailableException}: the issuer's discovery document or keys cannot be
 *       fetched and none are cached. Nothing is known about the token: answer 503 and retry
 *       later.</li>
 * </ul>
 *
 * <p>Callers catch this base type or a family; tests assert the subclass. Messages never contain
 * the token or its signature.
 */
public abstract sealed class OidcVerificationException extends OidcException
        permits InvalidOidcTokenException, IssuerUnavailableException {
    private static final long serialVersionUID = 1L;

    OidcVerificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
