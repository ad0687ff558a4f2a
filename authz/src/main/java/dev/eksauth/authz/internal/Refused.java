package dev.eksauth.authz.internal;

/** Thrown inside the readers when an object is refused; caught and turned into a problem. Not public API. */
final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
        super(message, null, false, false);
    }
}
