package dev.eksauth.oidc.internal;

/** An expression failed at compile or run time; the message says why, with no secret. */
public final class ExpressionException extends Exception {
    private static final long serialVersionUID = 1L;

    public ExpressionException(String message) {
        super(message, null, false, false);
    }
}
