package dev.eksauth.token;

/**
 * A token failed a local check, before any STS request: it is not an EKS token, or not one this
 * verifier accepts. {@link #reason()} names the rule. An expired token is an
 * {@link ExpiredTokenException} instead.
 */
public final class MalformedTokenException extends InvalidTokenException {
    private static final long serialVersionUID = 1L;

    /** The local rule a token broke, in the order the verifier checks them. */
    public enum Reason {
        /** The token is null or empty. */
        EMPTY,
        /** Longer than 4096 characters. */
        TOO_LONG,
        /** Does not start with {@code k8s-aws-v1.}. */
        BAD_PREFIX,
        /** Not base64url, or not printable ASCII once decoded. */
        BAD_ENCODING,
        /** The decoded text is not a URL, or has a fragment. */
        BAD_URL,
        /** The scheme is not {@code https}. */
        BAD_SCHEME,
        /** The host is not an accepted STS host of the partition, or has a port or user info. */
        BAD_HOST,
        /** The path is not {@code /}. */
        BAD_PATH,
        /** A query key outside the allow-list, a duplicate key, or a malformed parameter. */
        BAD_QUERY,
        /** The action is not {@code GetCallerIdentity}. */
        BAD_ACTION,
        /** {@code x-k8s-aws-id} is not among the signed headers. */
        CLUSTER_ID_NOT_SIGNED,
        /** {@code X-Amz-Expires} is missing, not a number, or outside 0..900. */
        BAD_EXPIRES,
        /** {@code X-Amz-Credential} is missing or not {@code KEY/DATE/REGION/sts/aws4_request}. */
        BAD_CREDENTIAL,
        /** {@code X-Amz-Date} is missing or not {@code yyyyMMdd'T'HHmmss'Z'}. */
        BAD_DATE,
        /** Signed implausibly far in the future. */
        NOT_YET_VALID
    }

    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param reason the rule broken
     * @param message what was wrong and what was expected, without the token
     */
    public MalformedTokenException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** The rule the token broke. */
    public Reason reason() {
        return reason;
    }
}
