package dev.eksauth.mapping;

import java.util.Objects;
import java.util.function.ToLongFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Micrometer meters of an {@link EksAuthenticator}, read from its {@link AuthenticatorStats} when
 * the registry is scraped: the counter {@code eksauth.authentications} tagged {@code outcome}
 * ({@code authenticated}, {@code denied}, {@code unavailable}). Bind the verifier's own meters with
 * {@code EksTokenVerifierMetrics}.
 *
 * <pre>{@code
 * EksAuthenticatorMetrics.of(authenticator).bindTo(registry);
 * }</pre>
 *
 * <p>Needs {@code io.micrometer:micrometer-core}, an optional dependency of this module. Immutable
 * and thread-safe; as is Micrometer's custom, the
 * registry holds the authenticator weakly: keep a reference to it for as long as its meters should report.
 */
public final class EksAuthenticatorMetrics implements MeterBinder {
    private final EksAuthenticator authenticator;

    private EksAuthenticatorMetrics(EksAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    /** The meters of an authenticator. */
    public static EksAuthenticatorMetrics of(EksAuthenticator authenticator) {
        return new EksAuthenticatorMetrics(Objects.requireNonNull(authenticator, "authenticator"));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        outcome(registry, "authenticated", AuthenticatorStats::authenticatedCount);
        outcome(registry, "denied", AuthenticatorStats::deniedCount);
        outcome(registry, "unavailable", AuthenticatorStats::unavailableCount);
    }

    private void outcome(MeterRegistry registry, String outcome, ToLongFunction<AuthenticatorStats> count) {
        FunctionCounter.builder("eksauth.authentications", authenticator, a -> count.applyAsLong(a.stats()))
                .tag("outcome", outcome).description("Authentications that ended, by outcome").register(registry);
    }
}
