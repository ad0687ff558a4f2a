package dev.eksauth.core;

/**
 * A {@link PrivateDnsNameResolver} could not look an instance up because what it asks (EC2, a
 * cache, a directory) is down, throttling or too slow. Unlike a {@link TemplateRenderException},
 * this says nothing about the identity: the same login may succeed later, so an authenticator
 * answers "try again" (HTTP 503), never "denied".
 *
 * <p>{@link UsernameTemplate#render(CallerIdentity, PrivateDnsNameResolver)} passes it on
 * unchanged. Messages name the instance and the failure, never a credential.
 */
public final class PrivateDnsNameUnavailableException extends CoreException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what could not be looked up and why, without secrets
     * @param cause the underlying failure, or null
     */
    public PrivateDnsNameUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
