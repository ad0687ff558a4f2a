package dev.eksauth.mapping;

/**
 * Why an authenticator could not decide: something it depends on is down, slow or throttling. The
 * same token may well be accepted later, so callers answer "retry" (HTTP 429 or 503), never "denied".
 */
public enum UnavailableReason {
    /** STS throttled the verification. HTTP 429. */
    STS_THROTTLED(429),
    /** STS could not be reached, failed or gave no usable answer in time. HTTP 503. */
    STS_UNAVAILABLE(503),
    /** The lookup behind {@code {{EC2PrivateDNSName}}} could not be made now. HTTP 503. */
    PRIVATE_DNS_NAME_UNAVAILABLE(503),
    /** A mapper's source (a file, a database, an API) is down; see {@link MappingUnavailableException}. HTTP 503. */
    MAPPING_SOURCE_UNAVAILABLE(503);

    private final int httpStatus;

    UnavailableReason(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    /** What a webhook or gateway answers: 429 when throttled, else 503; both with {@code Retry-After}. */
    public int httpStatus() {
        return httpStatus;
    }
}
