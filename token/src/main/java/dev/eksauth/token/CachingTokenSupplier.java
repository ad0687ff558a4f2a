package dev.eksauth.token;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import dev.eksauth.core.SettingChecks;

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
    /** The largest refresh margin: a token reported to live 14 minutes is then replaced after 4. */
    public static final Duration MAX_REFRESH_MARGIN = Duration.ofMinutes(10);

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
     * To inject a clock, give the generator and this supplier the same one through {@link #builder()}.
     */
    public static CachingTokenSupplier create(EksTokenGenerator generator) {
        Objects.requireNonNull(generator, "generator");
        return builder().tokenSource(generator::generate).build();
    }

    /**
     * A builder; {@link Builder#tokenSource(Supplier)} is required.
     *
     * <pre>{@code
     * CachingTokenSupplier tokens = CachingTokenSupplier.builder()
     *         .tokenSource(generator::generate)
     *         .refreshMargin(Duration.ofMinutes(2))
     *         .clock(clock)
     *         .build();
     * }</pre>
     */
    public static Builder builder() {
        return new BuilderImpl();
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

    /**
     * Configures a {@link CachingTokenSupplier}. Each setter checks its argument at once;
     * {@link #build()} checks that a token source was given. Not thread-safe.
     */
    public interface Builder {
        /**
         * Where fresh tokens come from, e.g. {@code generator::generate}; required. It is called
         * only when the current token is due.
         */
        Builder tokenSource(Supplier<EksToken> source);

        /**
         * How long before a token's reported expiration it is replaced; default
         * {@link #DEFAULT_REFRESH_MARGIN}.
         *
         * @throws IllegalArgumentException when not from 0 to 10 minutes ({@link #MAX_REFRESH_MARGIN})
         */
        Builder refreshMargin(Duration margin);

        /** The clock that decides when a token is due; default the system UTC clock. */
        Builder clock(Clock clock);

        /**
         * Builds the supplier; it generates its first token when first asked.
         *
         * @throws IllegalStateException when no token source was given
         */
        CachingTokenSupplier build();
    }

    private static final class BuilderImpl implements Builder {
        private Supplier<EksToken> source;
        private Duration refreshMargin = DEFAULT_REFRESH_MARGIN;
        private Clock clock = Clock.systemUTC();

        @Override
        public Builder tokenSource(Supplier<EksToken> source) {
            this.source = Objects.requireNonNull(source, "tokenSource");
            return this;
        }

        @Override
        public Builder refreshMargin(Duration margin) {
            this.refreshMargin = SettingChecks.within(margin, Duration.ZERO, MAX_REFRESH_MARGIN, "refreshMargin");
            return this;
        }

        @Override
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        @Override
        public CachingTokenSupplier build() {
            if (source == null) {
                throw new IllegalStateException("tokenSource is required");
            }
            return new CachingTokenSupplier(source, refreshMargin, clock);
        }
    }
}
