package dev.eksauth.cli.internal;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import dev.eksauth.mapping.AuthenticationResult;
import dev.eksauth.mapping.UnavailableReason;

/**
 * The webhook's counters, written in the Prometheus text exposition format (version 0.0.4):
 * TokenReview requests by outcome, a latency histogram, STS requests, identity cache hits, requests
 * in flight and the state of the aws-auth file. Thread-safe. Not public API.
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

    private static final double[] BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final Map<Outcome, LongAdder> outcomes = new EnumMap<>(Outcome.class);
    private final AtomicLongArray bucketCounts = new AtomicLongArray(BUCKETS.length + 1);
    private final LongAdder latencyNanos = new LongAdder();
    private final LongSupplier stsRequests;
    private final LongSupplier cacheHits;
    private final LongSupplier inFlight;
    private final AwsAuthWatch awsAuth;

    WebhookMetrics(LongSupplier stsRequests, LongSupplier cacheHits, LongSupplier inFlight, AwsAuthWatch awsAuth) {
        for (Outcome o : Outcome.values()) {
            outcomes.put(o, new LongAdder());
        }
        this.stsRequests = stsRequests;
        this.cacheHits = cacheHits;
        this.inFlight = inFlight;
        this.awsAuth = awsAuth;
    }

    /** Counts a finished request and its latency. */
    void record(Outcome outcome, long nanos) {
        outcomes.get(outcome).increment();
        latencyNanos.add(nanos);
        double seconds = nanos / 1e9;
        int i = 0;
        while (i < BUCKETS.length && seconds > BUCKETS[i]) {
            i++;
        }
        bucketCounts.incrementAndGet(i);
    }

    /** Requests that ended with an outcome. */
    long count(Outcome outcome) {
        return outcomes.get(outcome).sum();
    }

    /** The exposition text. */
    String exposition() {
        StringBuilder b = new StringBuilder(2048);
        header(b, "eksauth_webhook_requests_total", "counter", "TokenReview requests to /authenticate, by outcome.");
        for (Outcome o : Outcome.values()) {
            b.append("eksauth_webhook_requests_total{outcome=\"").append(o.name().toLowerCase(Locale.ROOT))
                    .append("\"} ").append(outcomes.get(o).sum()).append('\n');
        }
        header(b, "eksauth_webhook_request_duration_seconds", "histogram",
                "Time from a request's arrival to its answer, in seconds.");
        long cumulative = 0;
        for (int i = 0; i <= BUCKETS.length; i++) {
            cumulative += bucketCounts.get(i);
            String le = i < BUCKETS.length ? Double.toString(BUCKETS[i]) : "+Inf";
            b.append("eksauth_webhook_request_duration_seconds_bucket{le=\"").append(le).append("\"} ")
                    .append(cumulative).append('\n');
        }
        b.append("eksauth_webhook_request_duration_seconds_sum ").append(latencyNanos.sum() / 1e9).append('\n');
        b.append("eksauth_webhook_request_duration_seconds_count ").append(cumulative).append('\n');
        gauge(b, "eksauth_webhook_requests_in_flight", "gauge", "Requests being read or verified now.", inFlight.getAsLong());
        gauge(b, "eksauth_sts_requests_total", "counter", "GetCallerIdentity requests sent to STS, retries included.",
                stsRequests.getAsLong());
        gauge(b, "eksauth_token_cache_hits_total", "counter", "Verifications answered from the identity cache.",
                cacheHits.getAsLong());
        if (awsAuth != null) {
            gauge(b, "eksauth_aws_auth_reloads_total", "counter", "Times a changed aws-auth file was loaded.",
                    awsAuth.reloads());
            gauge(b, "eksauth_aws_auth_load_error", "gauge",
                    "1 when the aws-auth file's latest version could not be loaded.", awsAuth.failing() ? 1 : 0);
            gauge(b, "eksauth_aws_auth_ready", "gauge",
                    "0 when the aws-auth file cannot be loaded and no last good version may stand in: everyone is denied.",
                    awsAuth.ready() ? 1 : 0);
            gauge(b, "eksauth_aws_auth_problems", "gauge", "Problems found in the aws-auth in force.", awsAuth.problems());
        }
        return b.toString();
    }

    private static void header(StringBuilder b, String name, String type, String help) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void gauge(StringBuilder b, String name, String type, String help, long value) {
        header(b, name, type, help);
        b.append(name).append(' ').append(value).append('\n');
    }
}
