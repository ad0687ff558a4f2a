package dev.eksauth.eks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import dev.eksauth.authz.AccessEntries;
import dev.eksauth.core.SettingChecks;

/**
 * A cluster's access entries, loaded from the EKS API and refreshed: {@link #current()} loads them
 * the first time, and again once the refresh interval has passed. When a refresh fails, the last
 * good entries are kept (and {@link #lastFailure()} says why) until one succeeds; only when no load
 * has ever succeeded does {@link #current()} throw. Until a first load succeeds, a failed load is
 * tried again at most every {@link #FIRST_LOAD_RETRY} (or the refresh interval, if shorter): callers
 * in between get the same failure, so an outage at start is not answered with a storm of EKS calls.
 *
 * <pre>{@code
 * AccessEntrySource entries = AccessEntrySource.builder().clusters(eks).clusterName("prod")
 *         .refreshInterval(Duration.ofMinutes(1)).build();
 * IdentityMapper mapper = AccessEntryMapper.create(entries);
 * }</pre>
 *
 * <p>Thread-safe: one caller refreshes at a time, and while it does the others get the last good
 * entries (or wait for the first load).
 */
public final class AccessEntrySource {
    /** The least time between two failed first loads. */
    public static final Duration FIRST_LOAD_RETRY = Duration.ofSeconds(5);

    private final EksClusters clusters;
    private final String clusterName;
    private final Duration refreshInterval;
    private final Clock clock;
    private final ReentrantLock loading = new ReentrantLock();
    private volatile Snapshot snapshot;
    private volatile EksException lastFailure;
    private volatile Instant lastFailureAt = Instant.MIN;

    private record Snapshot(AccessEntries entries, Instant loadedAt) {
    }

    private AccessEntrySource(Builder b) {
        this.clusters = b.clusters;
        this.clusterName = b.clusterName;
        this.refreshInterval = b.refreshInterval;
        this.clock = b.clock;
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The entries: the last good ones while they are fresh or while a refresh fails.
     *
     * @throws EksException when no load has succeeded yet and this one fails
     */
    public AccessEntries current() {
        Snapshot known = snapshot;
        if (known != null && !stale(known)) {
            return known.entries();
        }
        if (known != null && !loading.tryLock()) {
            return known.entries();
        }
        if (known == null) {
            loading.lock();
        }
        try {
            Snapshot now = snapshot;
            if (now != null && !stale(now)) {
                return now.entries();
            }
            EksException failed = lastFailure;
            if (now == null && failed != null && clock.instant().isBefore(lastFailureAt.plus(firstLoadRetry()))) {
                throw failed;
            }
            try {
                AccessEntries loaded = clusters.accessEntries(clusterName);
                snapshot = new Snapshot(loaded, clock.instant());
                lastFailure = null;
                return loaded;
            } catch (EksException e) {
                lastFailure = e;
                lastFailureAt = clock.instant();
                if (now == null) {
                    throw e;
                }
                snapshot = new Snapshot(now.entries(), clock.instant());
                return now.entries();
            }
        } finally {
            loading.unlock();
        }
    }

    private Duration firstLoadRetry() {
        return refreshInterval.compareTo(FIRST_LOAD_RETRY) < 0 ? refreshInterval : FIRST_LOAD_RETRY;
    }

    /** Why the last load failed; empty when it succeeded (or none was made). */
    public Optional<EksException> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    /** The cluster's name. */
    public String clusterName() {
        return clusterName;
    }

    private boolean stale(Snapshot s) {
        return !clock.instant().isBefore(s.loadedAt().plus(refreshInterval));
    }

    @Override
    public String toString() {
        return "AccessEntrySource[" + clusterName + ", refresh=" + refreshInterval + "]";
    }

    /** Configures an {@link AccessEntrySource}. Not thread-safe. */
    public static final class Builder {
        private EksClusters clusters;
        private String clusterName;
        private Duration refreshInterval = Duration.ofMinutes(1);
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Where to load from. Required. */
        public Builder clusters(EksClusters clusters) {
            this.clusters = Objects.requireNonNull(clusters, "clusters");
            return this;
        }

        /** The cluster's name. Required. */
        public Builder clusterName(String name) {
            Objects.requireNonNull(name, "clusterName");
            if (name.isBlank()) {
                throw new IllegalArgumentException("clusterName must not be blank");
            }
            this.clusterName = name;
            return this;
        }

        /** How long loaded entries are used before they are loaded again; default 1 minute. */
        public Builder refreshInterval(Duration interval) {
            this.refreshInterval = SettingChecks.positive(interval, "refreshInterval");
            return this;
        }

        /** The clock that decides when to refresh; default the system UTC clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds it; nothing is loaded until {@link #current()}.
         *
         * @throws IllegalStateException when clusters or clusterName is missing
         */
        public AccessEntrySource build() {
            if (clusters == null) {
                throw new IllegalStateException("clusters is required");
            }
            if (clusterName == null) {
                throw new IllegalStateException("clusterName is required");
            }
            return new AccessEntrySource(this);
        }
    }
}
