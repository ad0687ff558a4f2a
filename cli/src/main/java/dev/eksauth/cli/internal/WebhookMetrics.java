package dev.eksauth.cli.internal;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import dev.eksauth.mapping.AuthenticationResult;
import dev.eksauth.mapping.EksAuthenticator;
import dev.eksauth.mapping.EksAuthenticatorMetrics;
import dev.eksauth.mapping.UnavailableReason;
import dev.eksauth.token.EksTokenVerifier;
import dev.eksauth.token.EksTokenVerifierMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The webhook's meters in a Micrometer Prometheus registry: TokenReview requests by outcome
 * ({@code eksauth_webhook_requests_total}), their latency ({@code eksauth_webhook_request_duration_seconds},
 * a histogram), requests in flight, and the meters of the library's binders (verifier,
 * authenticator, and whatever else the serve command binds: the aws-auth file, the EC2 lookup).
 * Thread-safe. Not public API.
 */
final class WebhookMetrics {
    /** How a request to {@code /authenticate} ended; the label is the name in lower case. */
    enum Outcome {
        /** 200, authenticated. */
        AUTHENTICATED,
        /** 401 or 403, denied: a bad token, one STS rejected, or an identity that is not allowed. */
        DENIED,
        /** 429, STS throttled. */
        STS_THROTTLED,
        /** 503, STS unavailable. */
        STS_UNAVAILABLE,
        /** 503, a lookup the mapping needs is unavailable: the private DNS name or a mapping source. */
        UNAVAILABLE,
        /** 400 or 405, not a TokenReview request. */
        BAD_REQUEST,
        /** 413, the body is over the limit. */
        TOO_LARGE,
        /** 503, too many requests in flight. */
        OVERLOADED,
        /** 500, a failure of the server itself. */
        ERROR;

        /** The outcome of an authentication result. */
        static Outcome of(AuthenticationResult result) {
            if (result instanceof AuthenticationResult.Authenticated) {
                return AUTHENTICATED;
            }
            if (result instanceof AuthenticationResult.Denied) {
                return DENIED;
            }
            UnavailableReason reason = ((AuthenticationResult.Unavailable) result).reason();
            return reason == UnavailableReason.STS_THROTTLED ? STS_THROTTLED
                    : reason == UnavailableReason.STS_UNAVAILABLE ? STS_UNAVAILABLE : UNAVAILABLE;
        }
    }

    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofNanos(2_500_000), Duration.ofMillis(5),
        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
        Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<Outcome, Counter> outcomes = new EnumMap<>(Outcome.class);
    private final Timer latency;

    WebhookMetrics(EksTokenVerifier verifier, EksAuthenticator authenticator, IntSupplier inFlight) {
        for (Outcome o : Outcome.values()) {
            outcomes.put(o, Counter.builder("eksauth.webhook.requests").tag("outcome", o.name().toLowerCase(Locale.ROOT))
                    .description("TokenReview requests to /authenticate, by outcome").register(registry));
        }
        latency = Timer.builder("eksauth.webhook.request.duration").serviceLevelObjectives(BUCKETS)
                .description("Time from a request's arrival to its answer").register(registry);
        Gauge.builder("eksauth.webhook.requests.in.flight", inFlight, IntSupplier::getAsInt).strongReference(true)
                .description("Requests being read or verified now").register(registry);
        EksTokenVerifierMetrics.of(verifier).bindTo(registry);
        EksAuthenticatorMetrics.of(authenticator).bindTo(registry);
    }

    /** The registry, for more binders. */
    PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Counts a finished request and its latency. */
    void record(Outcome outcome, long nanos) {
        outcomes.get(outcome).increment();
        latency.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Requests that ended with an outcome. */
    long count(Outcome outcome) {
        return (long) outcomes.get(outcome).count();
    }

    /** The Prometheus text exposition. */
    String exposition() {
        return registry.scrape();
    }
}
