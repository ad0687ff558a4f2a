package dev.eksauth.oidc;

import java.util.Objects;

/**
 * An OIDC ID token was refused: it broke the rule {@link #reason()} names. The same token will never
 * verify: answer HTTP 401 and do not retry.
 *
 * <p>The message names the rule and the expected value; it never contains the token or its
 * signature.
 */
public final class InvalidOidcTokenException extends OidcVerificationException {
    private static final long serialVersionUID = 1L;

    /** Why a token was refused, in the order the verifier checks. */
    public enum Reason {
        /** Longer than the configured maximum. */
        TOO_LARGE,
        /** Not a JWS in compact serialisation, or its header or claims are not JSON. */
        MALFORMED,
        /** Signed with an algorithm the verifier does not allow ({@code none} and HMAC never are). */
        ALGORITHM_NOT_ALLOWED,
        /** {@code iss} is not the configured issuer, or no authenticator of a configuration has it. */
        WRONG_ISSUER,
        /**
         * No key of the issuer verifies the signature. Keys named in the header ({@code jku},
         * {@code jwk}, {@code x5u}, {@code x5c}) are never used.
         */
        BAD_SIGNATURE,
        /** {@code aud} does not contain the client id. */
        WRONG_AUDIENCE,
        /** {@code exp} is missing or past. */
        EXPIRED,
        /** {@code nbf} is in the future beyond the allowed skew. */
        NOT_YET_VALID,
        /** A required claim is missing or has another value. */
        REQUIRED_CLAIM,
        /** A claim validation expression evaluated to {@code false}; the message is the rule's. */
        CLAIM_VALIDATION,
        /** The username claim is missing or not a non-empty string, or the username expression yielded an empty string. */
        USERNAME_CLAIM,
        /** {@code email_verified} is present and not {@code true}. */
        EMAIL_NOT_VERIFIED,
        /** The groups claim is neither a string nor an array of strings. */
        GROUPS_CLAIM,
        /** The uid claim is missing or not a string. */
        UID_CLAIM,
        /**
         * A CEL expression failed on this token's claims: a missing claim, a wrong type, a result
         * of the wrong type, or more work than the evaluation limit allows.
         */
        EXPRESSION,
        /** The username or a group starts with {@code system:}, and the verifier does not allow that ({@link SystemNames}). */
        SYSTEM_NAME,
        /** A user validation expression evaluated to {@code false}; the message is the rule's. */
        USER_VALIDATION,
        /** A service-account token's claims do not match what was expected of them. */
        SERVICE_ACCOUNT
    }

    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param reason the rule broken
     * @param message what was wrong and what was expected, without the token
     */
    public InvalidOidcTokenException(Reason reason, String message) {
        super(message, null);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The rule the token broke. */
    public Reason reason() {
        return reason;
    }
}
