package dev.eksauth.mapping;

import java.util.Objects;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Micrometer meters of an {@link Ec2PrivateDnsNameResolver}: the counters
 * {@code eksauth.ec2.lookups} (private DNS names asked for), {@code eksauth.ec2.cache.hits} (answered
 * from the cache), {@code eksauth.ec2.describe.instances} (DescribeInstances calls, each for a batch)
 * and {@code eksauth.ec2.describe.instances.failures} (calls that failed, so that their lookups were
 * answered "unavailable").
 *
 * <pre>{@code
 * Ec2PrivateDnsNameResolverMetrics.of(resolver).bindTo(registry);
 * }</pre>
 *
 * <p>Needs {@code io.micrometer:micrometer-core}, an optional dependency of this module. Immutable
 * and thread-safe; as is Micrometer's custom, the
 * registry holds the resolver weakly: keep a reference to it for as long as its meters should report.
 */
public final class Ec2PrivateDnsNameResolverMetrics implements MeterBinder {
    private final Ec2PrivateDnsNameResolver resolver;

    private Ec2PrivateDnsNameResolverMetrics(Ec2PrivateDnsNameResolver resolver) {
        this.resolver = resolver;
    }

    /** The meters of a resolver. */
    public static Ec2PrivateDnsNameResolverMetrics of(Ec2PrivateDnsNameResolver resolver) {
        return new Ec2PrivateDnsNameResolverMetrics(Objects.requireNonNull(resolver, "resolver"));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("eksauth.ec2.lookups", resolver, r -> r.lookups.sum())
                .description("Private DNS names asked for").register(registry);
        FunctionCounter.builder("eksauth.ec2.cache.hits", resolver, r -> r.cacheHits.sum())
                .description("Private DNS names answered from the cache").register(registry);
        FunctionCounter.builder("eksauth.ec2.describe.instances", resolver, r -> r.calls.sum())
                .description("EC2 DescribeInstances calls, each for a batch of lookups").register(registry);
        FunctionCounter.builder("eksauth.ec2.describe.instances.failures", resolver, r -> r.failedCalls.sum())
                .description("DescribeInstances calls that failed; their lookups were answered unavailable")
                .register(registry);
    }
}
