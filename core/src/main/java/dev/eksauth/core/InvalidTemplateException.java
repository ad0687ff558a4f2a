package dev.eksauth.core;

/**
 * A username template cannot be compiled: an unknown placeholder, an unterminated "&#123;&#123;", or an
 * empty placeholder. Reported when a mapping is loaded, not when a user logs in.
 */
public final class InvalidTemplateException extends CoreException {
    private static final long serialVersionUID = 1L;

    InvalidTemplateException(String message) {
        super(message);
    }
}
