package dev.eksauth.token;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Hands out the same token until a refresh margin before it expires, then generates a new one:
 * what a long-running Kubernetes client needs so that no request carries an expired token.
 *
 * <p>Thread-safe. When the token is due, one caller generates the next one; callers that arrive
 * meanwhile get the current token if it has not yet expired, and otherwise wait for the new one, so
 * concurrent callers cause one generation, not many.
 */
public final class CachingTokenSupplier implements Supplier<EksToken> {
    /** The default refresh margin: a token is replaced one minute before its reported expiry. */
    public static final Duration DEFAULT_REFRESH_MARGIN = Duration.ofMinutes(1);

    private final Supplier<EksToken> source;
    private final Duration refreshMargin;
    private final Clock clock;
    private final ReentrantLock refreshing = new ReentrantLock();
    private volatile EksToken current;

    private CachingTokenSupplier(Supplier<EksToken> source, Duration refreshMargin, Clock clock) {
        this.source = source;
        this.refreshMargin = refreshMargin;
        this.clock = clock;
    }

    /**
     * Caches tokens of a generator with the default margin, reading time from the system clock.
     * Give the generator and this supplier the same clock when you inject one: use
     * {@link #create(Supplier, Duration, Clock)}.
     */
    public static CachingTokenSupplier create(EksTokenGenerator generator) {
        Objects.requireNonNull(generator, "generator");
        return create(generator::generate, DEFAULT_REFRESH_MARGIN, Clock.systemUTC());
    }

    /**
     * Caches tokens of any source.
     *
     * @param source generates a fresh token, e.g. {@code generator::generate}
     * @param refreshMargin how long before a token's expiration it is replaced; 0 to 10 minutes
     * @param clock the clock that decides when a token is due
     * @throws IllegalArgumentException when the margin is negative or longer than 10 minutes
     */
    public static CachingTokenSupplier create(Supplier<EksToken> source, Duration refreshMargin, Clock clock) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(refreshMargin, "refreshMargin");
        Objects.requireNonNull(clock, "clock");
        if (refreshMargin.isNegative() || refreshMargin.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("refreshMargin must be between 0 and 10 minutes, was " + refreshMargin);
        }
        return new CachingTokenSupplier(source, refreshMargin, clock);
    }

    /**
     * Returns a token that is not due for refresh, generating one when needed.
     *
     * @throws TokenGenerationException when a new token is needed and cannot be generated
     */
    @Override
    public EksToken get() {
        EksToken token = current;
        if (token != null && !isDue(token)) {
            return token;
        }
        if (token != null && !token.isExpiredAt(clock.instant()) && !refreshing.tryLock()) {
            return token;
        }
        if (!refreshing.isHeldByCurrentThread()) {
            refreshing.lock();
        }
        try {
            EksToken latest = current;
            if (latest != null && !isDue(latest)) {
                return latest;
            }
            EksToken fresh = Objects.requireNonNull(source.get(), "token source returned null");
            current = fresh;
            return fresh;
        } finally {
            refreshing.unlock();
        }
    }

    private boolean isDue(EksToken token) {
        return !clock.instant().isBefore(token.expiration().minus(refreshMargin));
    }

    @Override
    public String toString() {
        return "CachingTokenSupplier[refreshMargin=" + refreshMargin + ", current=" + current + "]";
    }
}
