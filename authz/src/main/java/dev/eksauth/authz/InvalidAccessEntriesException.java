package dev.eksauth.authz;

/**
 * An access-entries document that cannot be read at all: not JSON, or not an object with an
 * {@code accessEntries} array. Single bad entries are {@link AuthzProblem}s instead. Invalid input:
 * retrying the same document fails the same way.
 */
public final class InvalidAccessEntriesException extends AuthzException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message and the parser's exception, if any. */
    public InvalidAccessEntriesException(String message, Throwable cause) {
        super(message, cause);
    }
}
