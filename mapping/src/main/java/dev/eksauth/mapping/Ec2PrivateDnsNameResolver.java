package dev.eksauth.mapping;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.eksauth.core.PrivateDnsNameResolver;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Resolves {@code {{EC2PrivateDNSName}}} with EC2 DescribeInstances, for node roles.
 *
 * <p>Lookups of concurrent logins are batched: ids wait up to a batch window (or until a batch is
 * full) and go out in one DescribeInstances call, filtered by {@code instance-id} so an unknown id
 * does not fail the others. Calls are spaced to at most a set rate; answers are cached (private DNS
 * names of instances do not change). Needs {@code software.amazon.awssdk:ec2} on the class path.
 * Thread-safe; {@link #close()} stops the batching thread.
 */
public final class Ec2PrivateDnsNameResolver implements PrivateDnsNameResolver, SdkAutoCloseable {
    private final Ec2Client ec2;
    private final Duration batchWindow;
    private final int maxBatchSize;
    private final long minNanosBetweenCalls;
    private final Duration timeout;
    private final int cacheSize;
    private final Map<String, String> cache = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<String>> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final ScheduledExecutorService batcher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "eksauth-ec2-batcher");
        t.setDaemon(true);
        return t;
    });
    private long lastCallNanos;

    private Ec2PrivateDnsNameResolver(Builder b) {
        this.ec2 = b.ec2;
        this.batchWindow = b.batchWindow;
        this.maxBatchSize = b.maxBatchSize;
        this.minNanosBetweenCalls = (long) (1_000_000_000L / b.maxCallsPerSecond);
        this.timeout = b.timeout;
        this.cacheSize = b.cacheSize;
        this.lastCallNanos = System.nanoTime() - minNanosBetweenCalls;
    }

    /** A builder; {@link Builder#ec2Client(Ec2Client)} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the private DNS name of an instance, waiting for its batch.
     *
     * @throws IllegalStateException when EC2 does not know the instance, the call fails or times out
     */
    @Override
    public String privateDnsName(String instanceId) {
        String cached = cache.get(instanceId);
        if (cached != null) {
            return cached;
        }
        CompletableFuture<String> mine = new CompletableFuture<>();
        CompletableFuture<String> shared = pending.putIfAbsent(instanceId, mine);
        if (shared == null) {
            shared = mine;
            if (pending.size() >= maxBatchSize) {
                batcher.execute(this::flush);
            } else if (flushScheduled.compareAndSet(false, true)) {
                batcher.schedule(this::flush, batchWindow.toNanos(), TimeUnit.NANOSECONDS);
            }
        }
        try {
            return shared.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("EC2 did not answer for " + instanceId + " within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for EC2");
        }
    }

    /** Runs on the batcher thread only. */
    private void flush() {
        flushScheduled.set(false);
        while (!pending.isEmpty()) {
            Map<String, CompletableFuture<String>> batch = new java.util.LinkedHashMap<>();
            Iterator<Map.Entry<String, CompletableFuture<String>>> it = pending.entrySet().iterator();
            while (it.hasNext() && batch.size() < maxBatchSize) {
                Map.Entry<String, CompletableFuture<String>> e = it.next();
                batch.put(e.getKey(), e.getValue());
                it.remove();
            }
            describe(batch);
        }
    }

    private void describe(Map<String, CompletableFuture<String>> batch) {
        long wait = lastCallNanos + minNanosBetweenCalls - System.nanoTime();
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        lastCallNanos = System.nanoTime();
        try {
            DescribeInstancesRequest request = DescribeInstancesRequest.builder()
                    .filters(Filter.builder().name("instance-id").values(new ArrayList<>(batch.keySet())).build())
                    .build();
            for (DescribeInstancesResponse page : ec2.describeInstancesPaginator(request)) {
                for (Reservation reservation : page.reservations()) {
                    for (Instance instance : reservation.instances()) {
                        String name = instance.privateDnsName();
                        CompletableFuture<String> waiting = batch.remove(instance.instanceId());
                        if (waiting != null && name != null && !name.isEmpty()) {
                            remember(instance.instanceId(), name);
                            waiting.complete(name);
                        } else if (waiting != null) {
                            waiting.completeExceptionally(new IllegalStateException(
                                    "instance " + instance.instanceId() + " has no private DNS name"));
                        }
                    }
                }
            }
            batch.forEach((id, f) -> f.completeExceptionally(new IllegalStateException("EC2 does not know instance " + id)));
        } catch (RuntimeException e) {
            batch.values().forEach(f -> f.completeExceptionally(
                    new IllegalStateException("EC2 DescribeInstances failed: " + e.getClass().getSimpleName(), e)));
        }
    }

    private void remember(String instanceId, String name) {
        if (cache.size() >= cacheSize) {
            Iterator<String> keys = cache.keySet().iterator();
            keys.next();
            keys.remove();
        }
        cache.put(instanceId, name);
    }

    /** Stops the batching thread; lookups waiting for a batch fail. Does not close the EC2 client. */
    @Override
    public void close() {
        batcher.shutdownNow();
        pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException("resolver closed")));
    }

    /** Configures an {@link Ec2PrivateDnsNameResolver}. Each setter checks its argument. Not thread-safe. */
    public static final class Builder {
        private Ec2Client ec2;
        private Duration batchWindow = Duration.ofMillis(20);
        private int maxBatchSize = 100;
        private double maxCallsPerSecond = 5;
        private Duration timeout = Duration.ofSeconds(5);
        private int cacheSize = 10_000;

        private Builder() {
        }

        /** The EC2 client to call; required. The resolver does not close it. */
        public Builder ec2Client(Ec2Client ec2) {
            this.ec2 = Objects.requireNonNull(ec2, "ec2");
            return this;
        }

        /** How long a lookup waits for others to share its call; default 20 ms. */
        public Builder batchWindow(Duration window) {
            if (window.isNegative()) {
                throw new IllegalArgumentException("batchWindow must not be negative");
            }
            this.batchWindow = window;
            return this;
        }

        /** The most instance ids in one call, 1 to 200; default 100. */
        public Builder maxBatchSize(int size) {
            if (size < 1 || size > 200) {
                throw new IllegalArgumentException("maxBatchSize must be from 1 to 200, was " + size);
            }
            this.maxBatchSize = size;
            return this;
        }

        /** The most DescribeInstances calls per second; default 5. */
        public Builder maxCallsPerSecond(double rate) {
            if (!(rate > 0) || rate > 1000) {
                throw new IllegalArgumentException("maxCallsPerSecond must be above 0 and at most 1000, was " + rate);
            }
            this.maxCallsPerSecond = rate;
            return this;
        }

        /** How long a lookup waits for its answer; default 5 seconds. */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            this.timeout = timeout;
            return this;
        }

        /** How many answers to cache; default 10,000. */
        public Builder cacheSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("cacheSize must be positive");
            }
            this.cacheSize = size;
            return this;
        }

        /**
         * Builds the resolver.
         *
         * @throws IllegalStateException when no EC2 client was given
         */
        public Ec2PrivateDnsNameResolver build() {
            if (ec2 == null) {
                throw new IllegalStateException("ec2Client is required");
            }
            return new Ec2PrivateDnsNameResolver(this);
        }
    }
}
