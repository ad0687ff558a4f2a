package dev.eksauth.mapping;

/**
 * Why an authenticator turned a token down: the token is wrong (HTTP 401) or its verified identity
 * is not allowed (HTTP 403). Either way the same token will be turned down again; an outage is never
 * a denial but an {@link AuthenticationResult.Unavailable} with an {@link UnavailableReason}.
 */
public enum DenialReason {
    /** The token failed a local check; no STS request was made. HTTP 401. */
    MALFORMED_TOKEN(401),
    /** The token was signed more than 15 minutes ago; no STS request was made. HTTP 401. */
    EXPIRED_TOKEN(401),
    /** STS refused the token's signature or credential. HTTP 401. */
    STS_REJECTED(401),
    /** No mapper has a mapping for the identity. HTTP 403. */
    NOT_MAPPED(403),
    /** The mapping rendered a username with a prefix reserved for its mapper. HTTP 403. */
    RESERVED_PREFIX(403),
    /** The mapping's templates could not be rendered for the identity. HTTP 403. */
    TEMPLATE_FAILURE(403);

    private final int httpStatus;

    DenialReason(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    /** What a webhook or gateway answers: 401 when the token is wrong, 403 when its identity is not allowed. */
    public int httpStatus() {
        return httpStatus;
    }
}
