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
import dev.eksauth.core.StsHost;
import dev.eksauth.core.UntrustedText;
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
 * application/json}, never following redirects. Throttling and server errors are retried with
 * jittered exponential backoff until a total deadline. Identities STS confirmed are cached by the
 * SHA-256 of the token until the token expires, and concurrent verifications of one token share one
 * STS request.
 *
 * <p>Thread-safe: build one verifier and share it.
 */
public final class EksTokenVerifier {
    private final String clusterId;
    private final TokenParser parser;
    private final IdentityCache cache;
    private final StsCall sts;
    private final Clock clock;
    private final Map<IdentityCache.Key, CompletableFuture<CallerIdentity>> inFlight = new ConcurrentHashMap<>();
    private final LongAdder stsRequests = new LongAdder();
    private final LongAdder cacheHits = new LongAdder();

    private EksTokenVerifier(BuilderImpl b) {
        this.clusterId = b.clusterId;
        this.clock = b.clock;
        Set<String> regions = Set.copyOf(b.regions);
        Partition partition = b.partition;
        this.parser = new TokenParser(partition, r -> partition.hasRegionNamed(r) || regions.contains(r), clock);
        this.cache = new IdentityCache(b.cacheSize, clock);
        StsTransport transport = b.transport != null ? b.transport : new JdkStsTransport(b.connectTimeout);
        StsTransport counted = request -> {
            stsRequests.increment();
            return transport.send(request);
        };
        this.sts = new StsCall(counted, b.stsEndpointOverride, b.clusterId, b.requestTimeout, b.retryDeadline);
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
     * @throws StsThrottledException when STS throttled until the retry deadline
     * @throws StsUnavailableException when STS could not be reached or answered unusably in time
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

    /** The number of cached identities (expired ones not yet evicted included). */
    public int cachedIdentities() {
        return cache.size();
    }

    /** How many requests were sent to STS since the verifier was built, retries included. */
    public long stsRequestCount() {
        return stsRequests.sum();
    }

    /** How many verifications were answered from the identity cache, without STS. */
    public long cacheHitCount() {
        return cacheHits.sum();
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

        /** The clock that decides token expiry and cache validity; default the system UTC clock. */
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

        /** The total time for one verification, retries included; default 10 seconds. */
        Builder retryDeadline(Duration deadline);

        /** How many verified identities to cache; 0 disables the cache; default 10,000. */
        Builder cacheSize(int size);

        /**
         * Builds the verifier.
         *
         * @throws IllegalStateException when the cluster id is missing
         */
        EksTokenVerifier build();
    }

    private static final class BuilderImpl implements Builder {
        private String clusterId;
        private Partition partition = Partition.AWS;
        private final Set<String> regions = new HashSet<>();
        private Clock clock = Clock.systemUTC();
        private StsTransport transport;
        private URI stsEndpointOverride;
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration requestTimeout = Duration.ofSeconds(5);
        private Duration retryDeadline = Duration.ofSeconds(10);
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
            for (String region : regions) {
                if (!StsHost.isRegionName(region)) {
                    throw new IllegalArgumentException("region '" + UntrustedText.quote(region)
                            + "' must be lower-case letters, digits and inner hyphens");
                }
            }
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
            Objects.requireNonNull(endpoint, "endpoint");
            if (!endpoint.isAbsolute() || endpoint.getHost() == null
                    || !("https".equals(endpoint.getScheme()) || "http".equals(endpoint.getScheme()))
                    || endpoint.getRawQuery() != null || endpoint.getRawFragment() != null) {
                throw new IllegalArgumentException(
                        "stsEndpointOverride must be an http or https URL without query or fragment");
            }
            this.stsEndpointOverride = endpoint;
            return this;
        }

        @Override
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        @Override
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        @Override
        public Builder retryDeadline(Duration deadline) {
            this.retryDeadline = positive(deadline, "retryDeadline");
            return this;
        }

        @Override
        public Builder cacheSize(int size) {
            if (size < 0) {
                throw new IllegalArgumentException("cacheSize must not be negative, was " + size);
            }
            this.cacheSize = size;
            return this;
        }

        @Override
        public EksTokenVerifier build() {
            if (clusterId == null) {
                throw new IllegalStateException("clusterId is required");
            }
            return new EksTokenVerifier(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + d);
            }
            return d;
        }
    }
}
