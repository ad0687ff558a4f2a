package dev.eksauth.core;

/** The parts of a caller identity disagree, e.g. an assumed-role user id without a session name. */
public final class InvalidIdentityException extends CoreException {
    private static final long serialVersionUID = 1L;

    InvalidIdentityException(String message) {
        super(message);
    }
}
