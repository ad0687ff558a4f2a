package dev.eksauth.token;

/** A token could not be generated: credentials could not be resolved or the request not signed. */
public final class TokenGenerationException extends TokenException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, without secrets
     * @param cause the underlying failure, or null
     */
    public TokenGenerationException(String message, Throwable cause) {
        super(message, cause);
    }
}
