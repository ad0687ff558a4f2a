package dev.eksauth.token.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import dev.eksauth.core.CallerIdentity;
import dev.eksauth.token.StsThrottledException;
import dev.eksauth.token.StsTransport;
import dev.eksauth.token.StsUnavailableException;
import dev.eksauth.token.TokenVerificationException;

/**
 * One verification's conversation with STS: the GetCallerIdentity request, retried on throttling,
 * server errors and I/O failures with full-jitter exponential backoff until a total deadline.
 * Thread-safe. Not public API.
 */
public final class StsCall {
    private static final long BASE_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 2_000;

    private final StsTransport transport;
    private final URI endpointOverride;
    private final Map<String, String> headers;
    private final Duration requestTimeout;
    private final Duration deadline;

    /**
     * A caller.
     *
     * @param transport sends requests
     * @param endpointOverride where to send requests instead of the token's host, or null
     * @param clusterId the verifier's cluster id, sent as {@code x-k8s-aws-id}
     * @param requestTimeout the timeout of one request
     * @param deadline the total time for all attempts
     */
    public StsCall(StsTransport transport, URI endpointOverride, String clusterId, Duration requestTimeout,
            Duration deadline) {
        this.transport = transport;
        this.endpointOverride = endpointOverride;
        this.headers = Map.of("x-k8s-aws-id", clusterId, "Accept", "application/json");
        this.requestTimeout = requestTimeout;
        this.deadline = deadline;
    }

    /** Asks STS who signed the token; the future fails with a {@link TokenVerificationException}. */
    public CompletableFuture<CallerIdentity> identity(ParsedToken token) {
        long deadlineNanos = System.nanoTime() + deadline.toNanos();
        return attempt(token, target(token.url()), 0, deadlineNanos);
    }

    private CompletableFuture<CallerIdentity> attempt(ParsedToken token, URI target, int attempt, long deadlineNanos) {
        long remaining = deadlineNanos - System.nanoTime();
        Duration timeout = Duration.ofNanos(Math.max(1_000_000, Math.min(remaining, requestTimeout.toNanos())));
        StsTransport.Request request = new StsTransport.Request(target, token.host().hostname(), headers, timeout);
        CompletableFuture<StsTransport.Response> sent;
        try {
            sent = transport.send(request);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.handle((response, error) -> {
            if (error != null) {
                return retryOrFail(token, target, attempt, deadlineNanos, unavailable(error));
            }
            switch (StsAnswers.kind(response)) {
                case SUCCESS:
                    return CompletableFuture.completedFuture(StsAnswers.identity(response, token));
                case THROTTLED:
                    return retryOrFail(token, target, attempt, deadlineNanos,
                            new StsThrottledException("STS throttled the verification (HTTP " + response.statusCode()
                                    + ") until the retry deadline of " + deadline.toMillis() + " ms"));
                case SERVER_ERROR:
                    return retryOrFail(token, target, attempt, deadlineNanos, new StsUnavailableException(
                            "STS answered HTTP " + response.statusCode() + " until the retry deadline of "
                                    + deadline.toMillis() + " ms", null));
                default:
                    throw StsAnswers.rejection(response);
            }
        }).thenCompose(f -> f);
    }

    private CompletableFuture<CallerIdentity> retryOrFail(ParsedToken token, URI target, int attempt,
            long deadlineNanos, TokenVerificationException failure) {
        long cap = Math.min(MAX_BACKOFF_MILLIS, BASE_BACKOFF_MILLIS << Math.min(attempt, 20));
        long backoff = ThreadLocalRandom.current().nextLong(cap + 1);
        if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoff) >= deadlineNanos) {
            return CompletableFuture.failedFuture(failure);
        }
        return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(backoff, TimeUnit.MILLISECONDS))
                .thenCompose(ignored -> attempt(token, target, attempt + 1, deadlineNanos));
    }

    private static TokenVerificationException unavailable(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        String what = cause instanceof HttpTimeoutException ? "STS did not answer in time"
                : cause instanceof IOException ? "could not reach STS (" + cause.getClass().getSimpleName() + ")"
                : "the STS transport failed (" + cause.getClass().getSimpleName() + ")";
        return new StsUnavailableException(what, cause);
    }

    private URI target(URI tokenUrl) {
        if (endpointOverride == null) {
            return tokenUrl;
        }
        String path = endpointOverride.getRawPath() == null || endpointOverride.getRawPath().isEmpty()
                ? "/" : endpointOverride.getRawPath();
        return URI.create(endpointOverride.getScheme() + "://" + endpointOverride.getRawAuthority() + path + "?"
                + tokenUrl.getRawQuery());
    }
}
