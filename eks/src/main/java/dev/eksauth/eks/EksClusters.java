package dev.eksauth.eks;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.eksauth.authz.AccessEntries;
import dev.eksauth.core.SettingChecks;
import dev.eksauth.eks.internal.AccessEntryLoader;
import dev.eksauth.eks.internal.ClusterReader;
import dev.eksauth.eks.internal.SdkErrors;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.EksClientBuilder;

/**
 * The EKS API as eksauth uses it: clusters by name (DescribeCluster, cached) and their access
 * entries (loaded into authz's {@link AccessEntries}).
 *
 * <pre>{@code
 * try (EksClusters eks = EksClusters.create()) {
 *     EksCluster prod = eks.describe("prod").requireActive();
 *     URI endpoint = prod.endpoint().orElseThrow();
 * }
 * }</pre>
 *
 * <p>By default the SDK's usual settings apply: the default credentials chain ({@code AWS_PROFILE}
 * and the rest), the region chain ({@code AWS_REGION}, the profile), and
 * {@code AWS_ENDPOINT_URL_EKS}. A described cluster is kept for {@link Builder#cacheTtl(Duration)}
 * (default 5 minutes; zero for none); errors are not cached.
 *
 * <p>Errors: {@link ClusterNotFoundException}, {@link EksAccessDeniedException} (naming the missing
 * permission), {@link EksThrottledException} and {@link EksUnavailableException}, each one line.
 * Thread-safe; {@link #close()} closes the SDK client when this object built it.
 */
public final class EksClusters implements AutoCloseable {
    private final EksClient client;
    private final boolean ownsClient;
    private final String region;
    private final Duration cacheTtl;
    private final Clock clock;
    private final int concurrency;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(EksCluster cluster, Instant until) {
    }

    private EksClusters(Builder b) {
        this.ownsClient = b.client == null;
        this.client = b.client != null ? b.client : build(b);
        this.region = b.client != null ? null : b.region;
        this.cacheTtl = b.cacheTtl;
        this.clock = b.clock;
        this.concurrency = b.concurrency;
    }

    /** With the SDK's default credentials, region and endpoint. */
    public static EksClusters create() {
        return builder().build();
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Describes a cluster, from the cache when it was described less than the cache TTL ago.
     *
     * @throws ClusterNotFoundException when no cluster of that name exists in the region
     * @throws EksAccessDeniedException when the caller lacks {@code eks:DescribeCluster}
     * @throws EksUnavailableException when EKS throttled, failed or could not be reached
     */
    public EksCluster describe(String name) {
        Objects.requireNonNull(name, "name");
        Instant now = clock.instant();
        Cached cached = cache.get(name);
        if (cached != null && now.isBefore(cached.until())) {
            return cached.cluster();
        }
        EksCluster cluster;
        try {
            cluster = ClusterReader.read(client.describeCluster(r -> r.name(name)).cluster());
        } catch (RuntimeException e) {
            throw SdkErrors.translate(e, "DescribeCluster", name, region);
        }
        if (!cacheTtl.isZero()) {
            cache.put(name, new Cached(cluster, now.plus(cacheTtl)));
        }
        return cluster;
    }

    /**
     * Loads a cluster's access entries afresh (ListAccessEntries, DescribeAccessEntry,
     * ListAssociatedAccessPolicies, every page), at most {@link Builder#concurrency(int)} entries at a
     * time. An entry the model refuses is one of {@link AccessEntries#problems()}; an entry deleted
     * while loading is left out. {@link AccessEntrySource} keeps them and refreshes them.
     *
     * @throws EksException when a call fails; {@link EksAccessDeniedException} names the permission
     */
    public AccessEntries accessEntries(String clusterName) {
        return AccessEntryLoader.load(client, Objects.requireNonNull(clusterName, "clusterName"), region, concurrency);
    }

    /** The SDK client, for the module's own operations (the migration's writes). */
    EksClient client() {
        return client;
    }

    /** The region asked, for messages; empty when the client was given. */
    Optional<String> region() {
        return Optional.ofNullable(region);
    }

    /** Closes the SDK client when this object built it. */
    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    private static EksClient build(Builder b) {
        EksClientBuilder builder = EksClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
        if (b.region != null) {
            builder.region(Region.of(b.region));
        }
        if (b.endpoint != null) {
            builder.endpointOverride(b.endpoint);
        }
        if (b.credentials != null) {
            builder.credentialsProvider(b.credentials);
        }
        try {
            return builder.build();
        } catch (RuntimeException e) {
            throw new IllegalStateException("could not build the EKS client: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "EksClusters[region=" + (region == null ? "default" : region) + ", cached=" + cache.size() + "]";
    }

    /** Configures {@link EksClusters}. Not thread-safe. */
    public static final class Builder {
        private EksClient client;
        private String region;
        private URI endpoint;
        private AwsCredentialsProvider credentials;
        private Duration cacheTtl = Duration.ofMinutes(5);
        private Clock clock = Clock.systemUTC();
        private int concurrency = 8;

        private Builder() {
        }

        /** The region, e.g. {@code us-west-2}; default the SDK's region chain. */
        public Builder region(String region) {
            this.region = SettingChecks.regionName(region, "region");
            return this;
        }

        /** An endpoint instead of EKS's, e.g. a {@code FakeEks}; default {@code AWS_ENDPOINT_URL_EKS} or EKS's. */
        public Builder endpointOverride(URI endpoint) {
            this.endpoint = SettingChecks.endpointOverride(endpoint, "endpointOverride");
            return this;
        }

        /** The credentials; default the SDK's default chain. */
        public Builder credentialsProvider(AwsCredentialsProvider credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /**
         * A ready SDK client to use instead of building one (its region, endpoint, credentials, retry
         * and HTTP settings apply; {@link #close()} leaves it open).
         */
        public Builder eksClient(EksClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /** How long a described cluster is kept; default 5 minutes, zero for no cache. */
        public Builder cacheTtl(Duration ttl) {
            Objects.requireNonNull(ttl, "cacheTtl");
            this.cacheTtl = ttl.isZero() ? ttl : SettingChecks.positive(ttl, "cacheTtl");
            return this;
        }

        /** The clock of the cache; default the system UTC clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How many access entries are described at once; default 8.
         *
         * @throws IllegalArgumentException when not between 1 and 64
         */
        public Builder concurrency(int n) {
            if (n < 1 || n > 64) {
                throw new IllegalArgumentException("concurrency must be between 1 and 64, was " + n);
            }
            this.concurrency = n;
            return this;
        }

        /**
         * Builds it.
         *
         * @throws IllegalStateException when a client is given together with region, endpoint or
         *     credentials, or the SDK client cannot be built (e.g. no region is configured)
         */
        public EksClusters build() {
            if (client != null && (region != null || endpoint != null || credentials != null)) {
                throw new IllegalStateException("eksClient carries its own region, endpoint and credentials: "
                        + "set those on it, not here");
            }
            return new EksClusters(this);
        }
    }
}
