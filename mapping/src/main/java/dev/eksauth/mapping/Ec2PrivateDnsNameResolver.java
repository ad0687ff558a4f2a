package dev.eksauth.mapping;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import dev.eksauth.core.PrivateDnsNameResolver;
import dev.eksauth.core.PrivateDnsNameUnavailableException;
import dev.eksauth.core.SettingChecks;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
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
 * does not fail the others. Calls are spaced to at most a set rate (a batch that comes too soon is
 * scheduled for later, no thread sleeps); answers are cached (private DNS names of instances do not
 * change). Needs {@code software.amazon.awssdk:ec2} on the class path. Its meters:
 * {@link Ec2PrivateDnsNameResolverMetrics}. Thread-safe;
 * {@link #close()} stops the batching thread.
 *
 * <p>Errors: when the DescribeInstances call fails (EC2 down, throttling, no permission), no answer
 * comes within the timeout, or the resolver is closed, a lookup throws
 * {@link PrivateDnsNameUnavailableException}, which an authenticator answers with "retry later"
 * (HTTP 503). An instance EC2 does not know, or one without a private DNS name, is an
 * {@link IllegalStateException}, which the template turns into a denial.
 */
public final class Ec2PrivateDnsNameResolver implements PrivateDnsNameResolver, SdkAutoCloseable {
    private final Ec2Client ec2;
    private final Duration batchWindow;
    private final int maxBatchSize;
    private final long nanosBetweenCalls;
    private final Duration timeout;
    private final int cacheSize;
    private final LongSupplier ticker;
    private final Map<String, String> cache = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<String>> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final ScheduledExecutorService batcher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "eksauth-ec2-batcher");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;
    final LongAdder lookups = new LongAdder();
    final LongAdder cacheHits = new LongAdder();
    final LongAdder calls = new LongAdder();
    final LongAdder failedCalls = new LongAdder();
    /** When the next call may go out, on the ticker's scale; read and written on the batcher thread only. */
    private long nextCallNanos;

    private Ec2PrivateDnsNameResolver(Builder b) {
        this.ec2 = b.ec2;
        this.batchWindow = b.batchWindow;
        this.maxBatchSize = b.maxBatchSize;
        this.nanosBetweenCalls = (long) (1_000_000_000L / b.maxCallsPerSecond);
        this.timeout = b.timeout;
        this.cacheSize = b.cacheSize;
        this.ticker = b.ticker;
        this.nextCallNanos = ticker.getAsLong();
    }

    /** A builder; {@link Builder#ec2Client(Ec2Client)} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the private DNS name of an instance, waiting for its batch.
     *
     * @throws PrivateDnsNameUnavailableException when the call fails, no answer comes within the
     *     timeout, the resolver is closed or the waiting thread is interrupted
     * @throws IllegalStateException when EC2 does not know the instance or it has no private DNS name
     */
    @Override
    public String privateDnsName(String instanceId) {
        Objects.requireNonNull(instanceId, "instanceId");
        lookups.increment();
        String cached = cache.get(instanceId);
        if (cached != null) {
            cacheHits.increment();
            return cached;
        }
        if (closed) {
            throw closedError();
        }
        CompletableFuture<String> mine = new CompletableFuture<>();
        CompletableFuture<String> shared = pending.putIfAbsent(instanceId, mine);
        if (shared == null) {
            shared = mine;
            schedule(pending.size() >= maxBatchSize);
        }
        if (closed) {
            failPending();
        }
        return await(instanceId, shared);
    }

    private void schedule(boolean batchFull) {
        try {
            if (batchFull) {
                batcher.execute(this::flush);
            } else if (flushScheduled.compareAndSet(false, true)) {
                batcher.schedule(this::flush, batchWindow.toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (RejectedExecutionException e) {
            failPending();
        }
    }

    private String await(String instanceId, CompletableFuture<String> answer) {
        try {
            return answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof PrivateDnsNameUnavailableException) {
                throw new PrivateDnsNameUnavailableException(cause.getMessage(), cause);
            }
            throw new IllegalStateException(cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new PrivateDnsNameUnavailableException("EC2 did not answer for instance " + instanceId + " within "
                    + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PrivateDnsNameUnavailableException("interrupted while waiting for EC2 to answer for instance "
                    + instanceId, e);
        }
    }

    /** Sends one batch if the rate allows, else comes back when it does. Runs on the batcher thread only. */
    private void flush() {
        flushScheduled.set(false);
        if (pending.isEmpty()) {
            return;
        }
        long wait = nextCallNanos - ticker.getAsLong();
        if (wait > 0) {
            batcher.schedule(this::flush, wait, TimeUnit.NANOSECONDS);
            return;
        }
        Map<String, CompletableFuture<String>> batch = new LinkedHashMap<>();
        Iterator<Map.Entry<String, CompletableFuture<String>>> it = pending.entrySet().iterator();
        while (it.hasNext() && batch.size() < maxBatchSize) {
            Map.Entry<String, CompletableFuture<String>> e = it.next();
            batch.put(e.getKey(), e.getValue());
            it.remove();
        }
        nextCallNanos = ticker.getAsLong() + nanosBetweenCalls;
        describe(batch);
        if (!pending.isEmpty() && !closed) {
            batcher.execute(this::flush);
        }
    }

    private void describe(Map<String, CompletableFuture<String>> batch) {
        calls.increment();
        try {
            DescribeInstancesRequest request = DescribeInstancesRequest.builder()
                    .filters(Filter.builder().name("instance-id").values(new ArrayList<>(batch.keySet())).build())
                    .build();
            for (DescribeInstancesResponse page : ec2.describeInstancesPaginator(request)) {
                for (Reservation reservation : page.reservations()) {
                    for (Instance instance : reservation.instances()) {
                        answer(batch.remove(instance.instanceId()), instance);
                    }
                }
            }
            batch.forEach((id, f) -> f.completeExceptionally(new IllegalStateException("EC2 does not know instance " + id)));
        } catch (RuntimeException e) {
            failedCalls.increment();
            String code = e instanceof AwsServiceException service && service.awsErrorDetails() != null
                    ? " " + service.awsErrorDetails().errorCode() : "";
            PrivateDnsNameUnavailableException failure = new PrivateDnsNameUnavailableException(
                    "EC2 DescribeInstances failed: " + e.getClass().getSimpleName() + code, e);
            batch.values().forEach(f -> f.completeExceptionally(failure));
        }
    }

    private void answer(CompletableFuture<String> waiting, Instance instance) {
        if (waiting == null) {
            return;
        }
        String name = instance.privateDnsName();
        if (name == null || name.isEmpty()) {
            waiting.completeExceptionally(new IllegalStateException("instance " + instance.instanceId()
                    + " has no private DNS name"));
            return;
        }
        remember(instance.instanceId(), name);
        waiting.complete(name);
    }

    private void remember(String instanceId, String name) {
        if (cacheSize == 0) {
            return;
        }
        if (cache.size() >= cacheSize) {
            Iterator<String> keys = cache.keySet().iterator();
            keys.next();
            keys.remove();
        }
        cache.put(instanceId, name);
    }

    private void failPending() {
        for (String id : pending.keySet()) {
            CompletableFuture<String> waiting = pending.remove(id);
            if (waiting != null) {
                waiting.completeExceptionally(closedError());
            }
        }
    }

    private static PrivateDnsNameUnavailableException closedError() {
        return new PrivateDnsNameUnavailableException("the EC2 private DNS name resolver is closed", null);
    }

    /**
     * Stops the batching thread; lookups waiting for a batch, and later ones, fail as unavailable.
     * Does not close the EC2 client.
     */
    @Override
    public void close() {
        closed = true;
        batcher.shutdownNow();
        failPending();
    }

    /** Configures an {@link Ec2PrivateDnsNameResolver}. Each setter checks its argument. Not thread-safe. */
    public static final class Builder {
        private static final Duration MAX_BATCH_WINDOW = Duration.ofMinutes(1);
        private static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

        private Ec2Client ec2;
        private Duration batchWindow = Duration.ofMillis(20);
        private int maxBatchSize = 100;
        private double maxCallsPerSecond = 5;
        private Duration timeout = Duration.ofSeconds(5);
        private int cacheSize = 10_000;
        private LongSupplier ticker = System::nanoTime;

        private Builder() {
        }

        /** The EC2 client to call; required. The resolver does not close it. */
        public Builder ec2Client(Ec2Client ec2) {
            this.ec2 = Objects.requireNonNull(ec2, "ec2");
            return this;
        }

        /** How long a lookup waits for others to share its call, from zero to a minute; default 20 ms. */
        public Builder batchWindow(Duration window) {
            this.batchWindow = SettingChecks.within(window, Duration.ZERO, MAX_BATCH_WINDOW, "batchWindow");
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

        /**
         * How long a lookup waits for its answer, batch window included, from a millisecond to five
         * minutes; it must be longer than the batch window; default 5 seconds.
         */
        public Builder timeout(Duration timeout) {
            this.timeout = SettingChecks.within(timeout, Duration.ofMillis(1), MAX_TIMEOUT, "timeout");
            return this;
        }

        /** How many answers to cache; 0 turns the cache off; default 10,000. */
        public Builder cacheSize(int size) {
            this.cacheSize = SettingChecks.cacheSize(size, "cacheSize");
            return this;
        }

        /** The nanosecond time source that spaces the calls; tests replace {@link System#nanoTime()}. */
        Builder ticker(LongSupplier ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /**
         * Builds the resolver.
         *
         * @throws IllegalStateException when no EC2 client was given, or the timeout is not longer
         *     than the batch window (a lone lookup would always time out)
         */
        public Ec2PrivateDnsNameResolver build() {
            if (ec2 == null) {
                throw new IllegalStateException("ec2Client is required");
            }
            if (timeout.compareTo(batchWindow) <= 0) {
                throw new IllegalStateException("timeout (" + timeout + ") must be longer than batchWindow ("
                        + batchWindow + ")");
            }
            return new Ec2PrivateDnsNameResolver(this);
        }
    }
}
