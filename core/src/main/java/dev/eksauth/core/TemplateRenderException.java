package dev.eksauth.core;

/**
 * A compiled template cannot be rendered for a given identity: the identity lacks a value the
 * template needs (a session name, an EC2 instance id), or the private DNS name lookup failed.
 */
public final class TemplateRenderException extends CoreException {
    private static final long serialVersionUID = 1L;

    TemplateRenderException(String message) {
        super(message);
    }

    TemplateRenderException(String message, Throwable cause) {
        super(message, cause);
    }
}
