package dev.eksauth.oidc;

import java.util.Objects;

/**
 * An OIDC ID token was refused. {@link #reason()} says which rule it broke.
 *
 * <p>The message names the rule and the expected value; it never contains the token or its
 * signature.
 */
public final class OidcVerificationException extends OidcException {
    private static final long serialVersionUID = 1L;

    /** Why a token was refused. */
    public enum Reason {
        /** Longer than the configured maximum. */
        TOO_LARGE,
        /** Not a JWS in compact serialisation, or its header or claims are not JSON. */
        MALFORMED,
        /** Signed with an algorithm the verifier does not allow ({@code none} and HMAC never are). */
        ALGORITHM_NOT_ALLOWED,
        /**
         * No key of the issuer verifies the signature. Keys named in the header ({@code jku},
         * {@code jwk}, {@code x5u}, {@code x5c}) are never used.
         */
        BAD_SIGNATURE,
        /** {@code iss} is not the configured issuer. */
        WRONG_ISSUER,
        /** {@code aud} does not contain the client id. */
        WRONG_AUDIENCE,
        /** {@code exp} is missing or past. */
        EXPIRED,
        /** {@code nbf} is in the future beyond the allowed skew. */
        NOT_YET_VALID,
        /** {@code iat} is in the future beyond the allowed skew. */
        ISSUED_IN_FUTURE,
        /** A required claim is missing or has another value. */
        REQUIRED_CLAIM,
        /** The username claim is missing, or not a string. */
        USERNAME_CLAIM,
        /** {@code email_verified} is present and not {@code true}. */
        EMAIL_NOT_VERIFIED,
        /** The groups claim is neither a string nor an array of strings. */
        GROUPS_CLAIM,
        /** The issuer's discovery document or keys could not be fetched, and none are cached. */
        KEYS_UNAVAILABLE,
        /** A service-account token's claims do not match what was expected of them. */
        SERVICE_ACCOUNT
    }

    private final Reason reason;

    /** Creates the error; the message must not contain the token. */
    public OidcVerificationException(Reason reason, String message) {
        this(reason, message, null);
    }

    /** Creates the error with its cause; the message must not contain the token. */
    public OidcVerificationException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Which rule the token broke. */
    public Reason reason() {
        return reason;
    }
}
