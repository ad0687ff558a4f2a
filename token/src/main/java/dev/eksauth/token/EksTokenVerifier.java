package dev.eksauth.token;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.LongAdder;

import dev.eksauth.core.CallerIdentity;
import dev.eksauth.core.Partition;
import dev.eksauth.core.SettingChecks;
import dev.eksauth.token.internal.IdentityCache;
import dev.eksauth.token.internal.JdkStsTransport;
import dev.eksauth.token.internal.ParsedToken;
import dev.eksauth.token.internal.StsCall;
import dev.eksauth.token.internal.TokenParser;

/**
 * Verifies EKS tokens: checks the token locally, asks STS who signed it, and returns the caller's
 * identity.
 *
 * <pre>{@code
 * EksTokenVerifier verifier = EksTokenVerifier.create("prod");
 * CallerIdentity who = verifier.verify(bearerToken);
 * }</pre>
 *
 * <p>Local checks come first and in this order: length at most 4096; the {@code k8s-aws-v1.}
 * prefix; base64url (with or without padding); a URL; scheme {@code https}; a bare STS host of the
 * configured partition (regional, FIPS, dual-stack, or global in {@code aws}; region names shaped as
 * the partition names them, or configured with {@link Builder#regions}); path {@code /}; only the
 * SigV4 and GetCallerIdentity query keys, each once; action {@code GetCallerIdentity};
 * {@code x-k8s-aws-id} signed; {@code X-Amz-Expires} from 0 to 900; an access key id in
 * {@code X-Amz-Credential}; {@code X-Amz-Date} within the last 15 minutes and not more than 5 minutes
 * ahead. A token failing any of them throws {@link MalformedTokenException} (or
 * {@link ExpiredTokenException} for its age) and causes no STS request.
 *
 * <p>Then the presigned URL is fetched with {@code x-k8s-aws-id} set to this verifier's cluster id
 * (so a token made for another cluster fails STS's signature check) and {@code Accept:
 * application/json}, never following redirects. Throttling, server errors and failed connections
 * are retried with full-jitter exponential back-off until a total deadline, measured on the
 * verifier's clock, or a number of attempts, whichever comes first. Identities STS confirmed are
 * cached by the SHA-256 of the token until the token expires, and concurrent verifications of one
 * token share one STS request. {@link #stats()} tells what the verifier has done.
 *
 * <p>Thread-safe: build one verifier and share it.
 */
public final class EksTokenVerifier {
    private final String clusterId;
    private final TokenParser parser;
    private final IdentityCache cache;
    private final StsCall sts;
    private final Map<IdentityCache.Key, CompletableFuture<CallerIdentity>> inFlight = new ConcurrentHashMap<>();
    private final LongAdder verifications = new LongAdder();
    private final LongAdder cacheHits = new LongAdder();
    private final LongAdder stsRequests = new LongAdder();
    private final LongAdder stsRetries = new LongAdder();
    private final LongAdder invalidTokens = new LongAdder();
    private final LongAdder unavailable = new LongAdder();

    private EksTokenVerifier(BuilderImpl b) {
        this.clusterId = b.clusterId;
        Clock clock = b.clock;
        Set<String> regions = Set.copyOf(b.regions);
        Partition partition = b.partition;
        this.parser = new TokenParser(partition, r -> partition.hasRegionNamed(r) || regions.contains(r), clock);
        this.cache = new IdentityCache(b.cacheSize, clock);
        StsTransport transport = b.transport != null ? b.transport : new JdkStsTransport(b.connectTimeout);
        StsTransport counted = request -> {
            stsRequests.increment();
            return transport.send(request);
        };
        StsCall.Retries retries = new StsCall.Retries(b.baseBackoff, b.maxBackoff, b.maxAttempts, b.retryDeadline);
        this.sts = new StsCall(counted, b.stsEndpointOverride, b.clusterId, b.requestTimeout, retries, clock,
                stsRetries::increment);
    }

    /** A builder; {@link Builder#clusterId(String)} is required. */
    public static Builder builder() {
        return new BuilderImpl();
    }

    /** A verifier for a cluster in the {@code aws} partition with default settings. */
    public static EksTokenVerifier create(String clusterId) {
        return builder().clusterId(clusterId).build();
    }

    /**
     * Verifies a token.
     *
     * @param token the bearer token
     * @return who signed it
     * @throws MalformedTokenException when a local check fails (no STS request is made)
     * @throws ExpiredTokenException when the token is older than 15 minutes (no STS request is made)
     * @throws StsRejectedException when STS refuses the token
     * @throws StsThrottledException when STS throttled until the retry deadline or the last attempt
     * @throws StsUnavailableException when STS could not be reached or answered unusably in time, or
     *     within the attempts
     */
    public CallerIdentity verify(String token) {
        try {
            return verifyAsync(token).get();
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StsUnavailableException("interrupted while waiting for STS", e);
        }
    }

    /**
     * Verifies a token without blocking the caller.
     *
     * @param token the bearer token
     * @return a future of who signed it, failed with a {@link TokenVerificationException} subclass as
     *     {@link #verify(String)} throws
     */
    public CompletableFuture<CallerIdentity> verifyAsync(String token) {
        verifications.increment();
        return answer(token).whenComplete((identity, error) -> {
            if (error != null) {
                count(unwrap(error));
            }
        });
    }

    private void count(RuntimeException failure) {
        if (failure instanceof InvalidTokenException) {
            invalidTokens.increment();
        } else if (failure instanceof StsUnavailableException) {
            unavailable.increment();
        }
    }

    private CompletableFuture<CallerIdentity> answer(String token) {
        IdentityCache.Key key = null;
        if (token != null && token.length() <= TokenParser.MAX_LENGTH) {
            key = IdentityCache.keyOf(token);
            CallerIdentity cached = cache.get(key);
            if (cached != null) {
                cacheHits.increment();
                return CompletableFuture.completedFuture(cached);
            }
        }
        ParsedToken parsed;
        try {
            parsed = parser.parse(token);
        } catch (InvalidTokenException e) {
            return CompletableFuture.failedFuture(e);
        }
        return shared(key, parsed);
    }

    /** Joins an STS request for the same token already under way, or starts one. */
    private CompletableFuture<CallerIdentity> shared(IdentityCache.Key key, ParsedToken parsed) {
        CompletableFuture<CallerIdentity> mine = new CompletableFuture<>();
        CompletableFuture<CallerIdentity> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return running.thenApply(identity -> identity);
        }
        sts.identity(parsed).whenComplete((identity, error) -> {
            if (error == null) {
                cache.put(key, identity, parsed.signedAt().plus(EksTokenGenerator.TOKEN_LIFETIME));
            }
            inFlight.remove(key, mine);
            if (error == null) {
                mine.complete(identity);
            } else {
                mine.completeExceptionally(unwrap(error));
            }
        });
        return mine.thenApply(identity -> identity);
    }

    private static RuntimeException unwrap(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof TokenVerificationException tve) {
            return tve;
        }
        return new StsUnavailableException("STS verification failed: " + cause.getClass().getSimpleName(), cause);
    }

    /** The cluster id this verifier accepts tokens for. */
    public String clusterId() {
        return clusterId;
    }

    /**
     * A snapshot of what this verifier has done since it was built: verifications, cache hits, STS
     * requests and retries, and how many verifications ended invalid or unavailable. Cheap enough to
     * call for every metrics scrape; never blocks verifications.
     */
    public VerifierStats stats() {
        return new VerifierStats(verifications.sum(), cacheHits.sum(), stsRequests.sum(), stsRetries.sum(),
                invalidTokens.sum(), unavailable.sum(), cache.size());
    }

    @Override
    public String toString() {
        return "EksTokenVerifier[clusterId=" + clusterId + "]";
    }

    /**
     * Configures an {@link EksTokenVerifier}. Each setter checks its argument; {@link #build()} checks
     * that a cluster id was given. Not thread-safe.
     */
    public interface Builder {
        /** The cluster id tokens must be made for; required. */
        Builder clusterId(String clusterId);

        /** The partition whose STS hosts are accepted; default {@link Partition#AWS}. */
        Builder partition(Partition partition);

        /**
         * Region names accepted in STS hosts in addition to those shaped as the partition names its
         * regions, for a region whose name the partition's scheme does not cover.
         */
        Builder regions(Set<String> regions);

        /**
         * The clock that decides token expiry, cache validity and the retry deadline; default the system
         * UTC clock.
         */
        Builder clock(Clock clock);

        /** How requests reach STS; default the JDK {@code HttpClient}. */
        Builder transport(StsTransport transport);

        /**
         * Send STS requests here instead of the token's host (after the host was validated): for
         * tests, LocalStack or a private endpoint. Scheme, host, port and path are taken from it, the
         * query from the token.
         */
        Builder stsEndpointOverride(URI endpoint);

        /** The connect timeout of the default transport; default 2 seconds. */
        Builder connectTimeout(Duration timeout);

        /** The timeout of one STS request; default 5 seconds. */
        Builder requestTimeout(Duration timeout);

        /**
         * The total time for one verification, retries included, measured on the verifier's clock;
         * default 10 seconds.
         */
        Builder retryDeadline(Duration deadline);

        /**
         * The back-off between STS attempts: before retry {@code n} (from 1) the verifier waits a
         * random time from 0 to {@code min(max, base * 2^(n-1))}; default 100 ms base and 2 s max.
         * A zero base retries at once.
         *
         * @param base from 0 to 1 minute
         * @param max from {@code base} to 1 minute
         * @throws IllegalArgumentException when either is out of range
         */
        Builder retryBackoff(Duration base, Duration max);

        /**
         * The most STS requests one verification makes, the first included; 1 turns retries off;
         * default 20. Retries end at this bound or at the retry deadline, whichever comes first.
         *
         * @throws IllegalArgumentException when not from 1 to 100
         */
        Builder maxAttempts(int attempts);

        /** How many verified identities to cache; 0 turns the cache off, negative is refused; default 10,000. */
        Builder cacheSize(int size);

        /**
         * Builds the verifier.
         *
         * @throws IllegalStateException when the cluster id is missing
         */
        EksTokenVerifier build();
    }

    private static final class BuilderImpl implements Builder {
        private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
        private static final int MAX_ATTEMPTS = 100;
        private String clusterId;
        private Partition partition = Partition.AWS;
        private final Set<String> regions = new HashSet<>();
        private Clock clock = Clock.systemUTC();
        private StsTransport transport;
        private URI stsEndpointOverride;
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration requestTimeout = Duration.ofSeconds(5);
        private Duration retryDeadline = Duration.ofSeconds(10);
        private Duration baseBackoff = Duration.ofMillis(100);
        private Duration maxBackoff = Duration.ofSeconds(2);
        private int maxAttempts = 20;
        private int cacheSize = 10_000;

        @Override
        public Builder clusterId(String clusterId) {
            this.clusterId = Arguments.clusterId(clusterId);
            return this;
        }

        @Override
        public Builder partition(Partition partition) {
            this.partition = Objects.requireNonNull(partition, "partition");
            return this;
        }

        @Override
        public Builder regions(Set<String> regions) {
            Objects.requireNonNull(regions, "regions").forEach(region -> SettingChecks.regionName(region, "regions"));
            this.regions.addAll(regions);
            return this;
        }

        @Override
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        @Override
        public Builder transport(StsTransport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        @Override
        public Builder stsEndpointOverride(URI endpoint) {
            this.stsEndpointOverride = SettingChecks.endpointOverride(endpoint, "stsEndpointOverride");
            return this;
        }

        @Override
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = SettingChecks.positive(timeout, "connectTimeout");
            return this;
        }

        @Override
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = SettingChecks.positive(timeout, "requestTimeout");
            return this;
        }

        @Override
        public Builder retryDeadline(Duration deadline) {
            this.retryDeadline = SettingChecks.positive(deadline, "retryDeadline");
            return this;
        }

        @Override
        public Builder retryBackoff(Duration base, Duration max) {
            Duration checkedBase = SettingChecks.within(base, Duration.ZERO, MAX_BACKOFF, "retryBackoff base");
            this.maxBackoff = SettingChecks.within(max, checkedBase, MAX_BACKOFF, "retryBackoff max");
            this.baseBackoff = checkedBase;
            return this;
        }

        @Override
        public Builder maxAttempts(int attempts) {
            if (attempts < 1 || attempts > MAX_ATTEMPTS) {
                throw new IllegalArgumentException("maxAttempts must be from 1 to " + MAX_ATTEMPTS + ", was " + attempts);
            }
            this.maxAttempts = attempts;
            return this;
        }

        @Override
        public Builder cacheSize(int size) {
            this.cacheSize = SettingChecks.cacheSize(size, "cacheSize");
            return this;
        }

        @Override
        public EksTokenVerifier build() {
            if (clusterId == null) {
                throw new IllegalStateException("clusterId is required");
            }
            return new EksTokenVerifier(this);
        }
    }
}
