package dev.eksauth.token;

import java.time.Instant;
import java.util.Objects;

/**
 * The token was signed longer ago than STS accepts (15 minutes); no STS request was made. The
 * client should get a new token: kubectl's exec plugin does so by itself.
 */
public final class ExpiredTokenException extends InvalidTokenException {
    private static final long serialVersionUID = 1L;

    private final Instant signedAt;
    private final Instant expiredAt;

    /**
     * Creates the exception.
     *
     * @param signedAt when the token was signed ({@code X-Amz-Date})
     * @param expiredAt when it stopped being valid
     */
    public ExpiredTokenException(Instant signedAt, Instant expiredAt) {
        super("token expired at " + expiredAt + ": it was signed at " + signedAt
                + ", and a token is valid for 15 minutes after signing; get a new token");
        this.signedAt = Objects.requireNonNull(signedAt, "signedAt");
        this.expiredAt = Objects.requireNonNull(expiredAt, "expiredAt");
    }

    /** When the token was signed. */
    public Instant signedAt() {
        return signedAt;
    }

    /** When the token stopped being valid. */
    public Instant expiredAt() {
        return expiredAt;
    }
}
