package dev.eksauth.oidc;

/**
 * A web-identity token could not be read, or could not be exchanged for AWS credentials.
 *
 * <p>The message names the file or the setting at fault; it never contains the token.
 */
public final class WebIdentityException extends OidcException {
    private static final long serialVersionUID = 1L;

    /** Creates the error with a message that contains no secret. */
    public WebIdentityException(String message, Throwable cause) {
        super(message, cause);
    }
}
