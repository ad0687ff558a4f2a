package dev.eksauth.authz;

/**
 * The base of every error eksauth authz reports. Authorization is decided offline, so there is one
 * family only, <em>invalid</em> input: an access-entries document that cannot be read at all
 * ({@link InvalidAccessEntriesException}). RBAC manifests and single entries never throw: what is
 * wrong in them is an {@link AuthzProblem}, and the good objects are kept. A wrong argument is an
 * {@link IllegalArgumentException}, a builder missing a setting an {@link IllegalStateException}.
 * Messages never contain a secret.
 */
public abstract sealed class AuthzException extends RuntimeException permits InvalidAccessEntriesException {
    private static final long serialVersionUID = 1L;

    AuthzException(String message, Throwable cause) {
        super(message, cause);
    }
}
