package dev.eksauth.core;

/**
 * An ARN (or ARN pattern) is malformed, names an unknown partition, or is not an IAM principal
 * where one was required. {@link #reason()} says which.
 */
public final class InvalidArnException extends CoreException {
    private static final long serialVersionUID = 1L;

    /** What was wrong with the ARN. */
    public enum Reason {
        /** The text does not start with {@code arn:}. */
        MISSING_PREFIX,
        /** Fewer than six colon-separated sections. */
        TOO_FEW_SECTIONS,
        /** The partition section is empty. */
        EMPTY_PARTITION,
        /** The service section is empty. */
        EMPTY_SERVICE,
        /** The resource section is empty. */
        EMPTY_RESOURCE,
        /** The partition is not one of {@link Partition}. */
        UNKNOWN_PARTITION,
        /** A well-formed ARN that is not an IAM role, user, root, federated user or assumed role. */
        NOT_A_PRINCIPAL
    }

    private final Reason reason;

    InvalidArnException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** What was wrong. */
    public Reason reason() {
        return reason;
    }
}
