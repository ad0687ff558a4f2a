package dev.eksauth.mapping;

/** Why an authenticator turned a token down. */
public enum DenialReason {
    /** The token failed a local check; no STS request was made. */
    MALFORMED_TOKEN,
    /** STS refused the token. */
    STS_REJECTED,
    /** STS throttled the verification; a webhook answers HTTP 429. */
    STS_THROTTLED,
    /** STS could not be reached or gave no usable answer in time. */
    STS_UNAVAILABLE,
    /** No mapper has a mapping for the identity. */
    NOT_MAPPED,
    /** The mapping rendered a username with a prefix reserved for its mapper. */
    RESERVED_PREFIX,
    /** The mapping's templates could not be rendered for the identity. */
    TEMPLATE_FAILURE
}
