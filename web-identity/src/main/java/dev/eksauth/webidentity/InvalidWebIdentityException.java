package dev.eksauth.webidentity;

import java.util.Objects;

/**
 * A web identity cannot be used as it is: {@link #reason()} says what is wrong. Fix the settings or
 * the token; retrying as it is will not help.
 *
 * <p>The message names the file, the variable or the role at fault, and for
 * {@link Reason#STS_REJECTED} STS's error code ({@link #stsErrorCode()}); it never contains the
 * token.
 */
public final class InvalidWebIdentityException extends WebIdentityException {
    private static final long serialVersionUID = 1L;

    /** What is wrong with the web identity. */
    public enum Reason {
        /** A required setting (the token file or the role ARN) is not set in the environment. */
        MISSING_SETTING,
        /**
         * A setting read from the environment is malformed: not a role ARN, or a bad session name,
         * region or path.
         */
        INVALID_SETTING,
        /** The token file does not exist or cannot be read, or a token source failed. */
        TOKEN_UNREADABLE,
        /** The token is empty, too large, or not UTF-8 text. */
        INVALID_TOKEN,
        /** STS refused the exchange, e.g. {@code InvalidIdentityToken}, {@code AccessDenied}. */
        STS_REJECTED
    }

    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param reason what is wrong
     * @param message what is wrong and what was expected, without the token
     */
    public InvalidWebIdentityException(Reason reason, String message) {
        this(reason, message, null, null);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param reason what is wrong
     * @param message what is wrong and what was expected, without the token
     * @param cause the cause, or null; it must not contain the token either
     */
    public InvalidWebIdentityException(Reason reason, String message, Throwable cause) {
        this(reason, message, null, cause);
    }

    /**
     * Creates the exception for an STS error answer.
     *
     * @param reason what is wrong
     * @param message what went wrong, without the token
     * @param stsErrorCode the STS error code, e.g. {@code InvalidIdentityToken}; null when there is none
     * @param cause the cause, or null; it must not contain the token either
     */
    public InvalidWebIdentityException(Reason reason, String message, String stsErrorCode, Throwable cause) {
        super(message, stsErrorCode, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** What is wrong with the web identity. */
    public Reason reason() {
        return reason;
    }
}
