package dev.eksauth.webidentity;

import java.util.Objects;
import java.util.Optional;

/**
 * A web-identity token could not be read, a web-identity setting is missing or invalid, or STS
 * would not exchange the token for AWS credentials. {@link #reason()} says which.
 *
 * <p>The message names the file, the setting or the role at fault, and for STS errors the STS error
 * code; it never contains the token.
 */
public final class WebIdentityException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why a web identity could not be used. */
    public enum Reason {
        /** A required setting (the token file or the role ARN) is not set. */
        MISSING_SETTING,
        /** A setting is malformed: not a role ARN, a bad session name, region or duration. */
        INVALID_SETTING,
        /** The token file does not exist or cannot be read, or a token source failed. */
        TOKEN_UNREADABLE,
        /** The token is empty, too large, or not UTF-8 text. */
        INVALID_TOKEN,
        /** STS refused the exchange, e.g. {@code InvalidIdentityToken}, {@code AccessDenied}. */
        STS_REJECTED,
        /** STS throttled the exchange and the SDK's retries did not get through. */
        STS_THROTTLED,
        /** STS could not be reached, failed, or could not reach the identity provider. */
        STS_UNAVAILABLE
    }

    private final Reason reason;
    private final String stsErrorCode;

    /** Creates the error; the message must not contain the token. */
    public WebIdentityException(Reason reason, String message) {
        this(reason, message, null, null);
    }

    /** Creates the error with its cause; neither the message nor the cause may contain the token. */
    public WebIdentityException(Reason reason, String message, Throwable cause) {
        this(reason, message, null, cause);
    }

    /**
     * Creates the error for an STS error answer.
     *
     * @param reason why
     * @param message what went wrong, without the token
     * @param stsErrorCode the STS error code, e.g. {@code InvalidIdentityToken}; null when there is none
     * @param cause the cause, or null; it must not contain the token either
     */
    public WebIdentityException(Reason reason, String message, String stsErrorCode, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.stsErrorCode = stsErrorCode;
    }

    /** Why the web identity could not be used. */
    public Reason reason() {
        return reason;
    }

    /** The error code of STS's answer, e.g. {@code InvalidIdentityToken}, when STS answered with one. */
    public Optional<String> stsErrorCode() {
        return Optional.ofNullable(stsErrorCode);
    }
}
