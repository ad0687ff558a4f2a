package dev.eksauth.eks;

/**
 * EKS refused the request for what it asked or who asked: retrying it unchanged will not help.
 * The subclasses say why when it is one of the common reasons; this class itself covers the rest
 * (a parameter EKS rejected, an access entry that already exists).
 */
public sealed class InvalidEksRequestException extends EksException
        permits ClusterNotFoundException, EksAccessDeniedException, ClusterNotActiveException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was refused and why, one line, without credentials
     * @param cause the SDK's exception, or null
     */
    public InvalidEksRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
