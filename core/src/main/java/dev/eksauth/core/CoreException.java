package dev.eksauth.core;

/**
 * The base of every error eksauth core reports. Two families, as in every eksauth module:
 * <ul>
 *   <li><em>invalid</em> input: a malformed ARN or principal ({@link InvalidArnException}), an
 *       identity whose parts disagree ({@link InvalidIdentityException}), a username template that
 *       cannot be compiled ({@link InvalidTemplateException}) or rendered for an identity
 *       ({@link TemplateRenderException}); retrying the same input fails the same way;</li>
 *   <li><em>unavailable</em>: a lookup a template needs could not be made
 *       ({@link PrivateDnsNameUnavailableException}); retrying later may succeed.</li>
 * </ul>
 * A wrong argument to a method or builder is an {@link IllegalArgumentException} instead.
 *
 * <p>Messages say what was wrong and what was expected; they never contain credentials.
 */
public abstract sealed class CoreException extends RuntimeException
        permits InvalidArnException, InvalidIdentityException, InvalidTemplateException, TemplateRenderException,
        PrivateDnsNameUnavailableException {
    private static final long serialVersionUID = 1L;

    CoreException(String message) {
        super(message);
    }

    CoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
