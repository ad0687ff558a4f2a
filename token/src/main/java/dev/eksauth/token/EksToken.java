package dev.eksauth.token;

import java.time.Instant;
import java.util.Objects;

/**
 * An EKS bearer token and when clients should consider it expired.
 *
 * <p>The value is {@code k8s-aws-v1.} followed by the base64url form of a presigned STS
 * GetCallerIdentity URL. STS accepts it for 15 minutes after signing; {@link #expiration()} is 14
 * minutes after signing, as kubectl and the AWS CLI report it. {@link #toString()} never shows the
 * value. Immutable and thread-safe.
 *
 * @param value the bearer token; a secret
 * @param expiration when clients should stop using it
 */
public record EksToken(String value, Instant expiration) {
    /** The prefix of every EKS token. */
    public static final String PREFIX = "k8s-aws-v1.";

    /** Checks that neither component is null. */
    public EksToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiration, "expiration");
    }

    /** Whether the token has expired at the given instant. */
    public boolean isExpiredAt(Instant instant) {
        return !instant.isBefore(expiration);
    }

    /** Shows the expiration only; the token value is a secret. */
    @Override
    public String toString() {
        return "EksToken[value=" + PREFIX + "***, expiration=" + expiration + "]";
    }
}
