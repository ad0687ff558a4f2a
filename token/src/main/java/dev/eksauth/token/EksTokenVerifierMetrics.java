package dev.eksauth.token;

import java.util.Objects;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Micrometer meters of an {@link EksTokenVerifier}, read from its {@link VerifierStats} whenever the
 * registry is scraped: the counters {@code eksauth.token.verifications} (every call),
 * {@code eksauth.token.cache.hits}, {@code eksauth.token.invalid}, {@code eksauth.token.unavailable},
 * {@code eksauth.sts.requests} and {@code eksauth.sts.retries}, and the gauge
 * {@code eksauth.token.cache.identities}.
 *
 * <pre>{@code
 * EksTokenVerifierMetrics.of(verifier).bindTo(registry);
 * }</pre>
 *
 * <p>Needs {@code io.micrometer:micrometer-core}, an optional dependency of this module. Immutable
 * and thread-safe; as is Micrometer's custom, the
 * registry holds the verifier weakly: keep a reference to it for as long as its meters should report.
 */
public final class EksTokenVerifierMetrics implements MeterBinder {
    private final EksTokenVerifier verifier;

    private EksTokenVerifierMetrics(EksTokenVerifier verifier) {
        this.verifier = verifier;
    }

    /** The meters of a verifier. */
    public static EksTokenVerifierMetrics of(EksTokenVerifier verifier) {
        return new EksTokenVerifierMetrics(Objects.requireNonNull(verifier, "verifier"));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, "eksauth.token.verifications", "Calls of verify and verifyAsync", VerifierStats::verificationCount);
        counter(registry, "eksauth.token.cache.hits", "Verifications answered from the identity cache, without STS",
                VerifierStats::cacheHitCount);
        counter(registry, "eksauth.token.invalid", "Verifications that found the token malformed, expired or rejected",
                VerifierStats::invalidTokenCount);
        counter(registry, "eksauth.token.unavailable", "Verifications that ended with STS unavailable or throttling",
                VerifierStats::unavailableCount);
        counter(registry, "eksauth.sts.requests", "GetCallerIdentity requests sent to STS, retries included",
                VerifierStats::stsRequestCount);
        counter(registry, "eksauth.sts.retries",
                "STS requests that repeated one after throttling, a server error or a failed connection",
                VerifierStats::stsRetryCount);
        Gauge.builder("eksauth.token.cache.identities", verifier, v -> v.stats().cachedIdentities())
                .description("Identities in the verifier's cache").register(registry);
    }

    private void counter(MeterRegistry registry, String name, String description, ToDoubleFunction<VerifierStats> count) {
        FunctionCounter.builder(name, verifier, v -> count.applyAsDouble(v.stats())).description(description)
                .register(registry);
    }
}
