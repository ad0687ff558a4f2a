package dev.eksauth.core;

/**
 * The base of every error eksauth core reports: a malformed ARN or principal, an identity whose
 * parts disagree, or a username template that cannot be compiled or rendered.
 *
 * <p>Messages say what was wrong and what was expected; they never contain credentials.
 */
public abstract sealed class CoreException extends RuntimeException
        permits InvalidArnException, InvalidIdentityException, InvalidTemplateException, TemplateRenderException {
    private static final long serialVersionUID = 1L;

    CoreException(String message) {
        super(message);
    }

    CoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
