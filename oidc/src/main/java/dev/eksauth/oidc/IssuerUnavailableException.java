package dev.eksauth.oidc;

/**
 * The issuer's discovery document or signing keys could not be fetched (the issuer is down, its
 * certificate is not trusted, or it published something unusable) and no keys are cached. Nothing
 * is known about the token: answer HTTP 503 and retry later. The message names the issuer and what
 * went wrong.
 */
public final class IssuerUnavailableException extends OidcVerificationException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened, naming the issuer
     * @param cause the underlying failure, or null
     */
    public IssuerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
