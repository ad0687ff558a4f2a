package dev.eksauth.token.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import dev.eksauth.core.CallerIdentity;
import dev.eksauth.token.StsThrottledException;
import dev.eksauth.token.StsTransport;
import dev.eksauth.token.StsUnavailableException;
import dev.eksauth.token.TokenVerificationException;

/**
 * One verification's conversation with STS: the GetCallerIdentity request, retried on throttling,
 * server errors and I/O failures with full-jitter exponential backoff until a total deadline or a
 * number of attempts, whichever comes first. The deadline is read from the verifier's clock, so a
 * test moves it by moving the clock. Thread-safe. Not public API.
 */
public final class StsCall {
    private static final Duration MIN_TIMEOUT = Duration.ofMillis(1);
    private final StsTransport transport;
    private final URI endpointOverride;
    private final Map<String, String> headers;
    private final Duration requestTimeout;
    private final Retries retries;
    private final Clock clock;
    private final Runnable onRetry;

    /**
     * When and how often a verification asks STS again.
     *
     * @param baseBackoff the first back-off's upper bound; each retry doubles it; zero retries at once
     * @param maxBackoff the largest back-off
     * @param maxAttempts the most requests, the first included
     * @param deadline the total time for all attempts, measured on the verifier's clock
     */
    public record Retries(Duration baseBackoff, Duration maxBackoff, int maxAttempts, Duration deadline) {
    }

    /**
     * A caller.
     *
     * @param transport sends requests
     * @param endpointOverride where to send requests instead of the token's host, or null
     * @param clusterId the verifier's cluster id, sent as {@code x-k8s-aws-id}
     * @param requestTimeout the timeout of one request
     * @param retries when to ask again
     * @param clock measures the deadline
     * @param onRetry called before each repeated request
     */
    public StsCall(StsTransport transport, URI endpointOverride, String clusterId, Duration requestTimeout,
            Retries retries, Clock clock, Runnable onRetry) {
        this.transport = transport;
        this.endpointOverride = endpointOverride;
        this.headers = Map.of("x-k8s-aws-id", clusterId, "Accept", "application/json");
        this.requestTimeout = requestTimeout;
        this.retries = retries;
        this.clock = clock;
        this.onRetry = onRetry;
    }

    /** Asks STS who signed the token; the future fails with a {@link TokenVerificationException}. */
    public CompletableFuture<CallerIdentity> identity(ParsedToken token) {
        Instant deadline = clock.instant().plus(retries.deadline());
        return attempt(token, target(token.url()), 1, deadline);
    }

    private CompletableFuture<CallerIdentity> attempt(ParsedToken token, URI target, int attempt, Instant deadline) {
        Duration remaining = Duration.between(clock.instant(), deadline);
        Duration timeout = remaining.compareTo(requestTimeout) < 0 ? remaining : requestTimeout;
        if (timeout.compareTo(MIN_TIMEOUT) < 0) {
            timeout = MIN_TIMEOUT;
        }
        StsTransport.Request request = new StsTransport.Request(target, token.host().hostname(), headers, timeout);
        CompletableFuture<StsTransport.Response> sent;
        try {
            sent = transport.send(request);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.handle((response, error) -> {
            if (error != null) {
                return retryOrFail(token, target, attempt, deadline, unavailable(error, attempt));
            }
            switch (StsAnswers.kind(response)) {
                case SUCCESS:
                    return CompletableFuture.completedFuture(StsAnswers.identity(response, token));
                case THROTTLED:
                    return retryOrFail(token, target, attempt, deadline, new StsThrottledException(
                            "STS throttled the verification (HTTP " + response.statusCode() + ")" + tries(attempt)));
                case SERVER_ERROR:
                    return retryOrFail(token, target, attempt, deadline, new StsUnavailableException(
                            "STS answered HTTP " + response.statusCode() + tries(attempt), null));
                default:
                    throw StsAnswers.rejection(response);
            }
        }).thenCompose(f -> f);
    }

    private CompletableFuture<CallerIdentity> retryOrFail(ParsedToken token, URI target, int attempt,
            Instant deadline, TokenVerificationException failure) {
        if (attempt >= retries.maxAttempts()) {
            return CompletableFuture.failedFuture(failure);
        }
        long backoff = backoffMillis(attempt);
        if (!clock.instant().plusMillis(backoff).isBefore(deadline)) {
            return CompletableFuture.failedFuture(failure);
        }
        Executor later = CompletableFuture.delayedExecutor(backoff, TimeUnit.MILLISECONDS);
        return CompletableFuture.runAsync(onRetry, later)
                .thenCompose(ignored -> attempt(token, target, attempt + 1, deadline));
    }

    /** Full jitter: a random wait up to the base doubled per earlier retry, capped. */
    private long backoffMillis(int attempt) {
        long base = retries.baseBackoff().toMillis();
        long cap = Math.min(retries.maxBackoff().toMillis(), base << Math.min(attempt - 1, 20));
        return cap == 0 ? 0 : ThreadLocalRandom.current().nextLong(cap + 1);
    }

    private String tries(int attempt) {
        return " after " + attempt + (attempt == 1 ? " attempt" : " attempts") + " (at most "
                + retries.maxAttempts() + " within the retry deadline of " + retries.deadline().toMillis() + " ms)";
    }

    private TokenVerificationException unavailable(Throwable error, int attempt) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        String what = cause instanceof HttpTimeoutException ? "STS did not answer in time"
                : cause instanceof IOException ? "could not reach STS (" + cause.getClass().getSimpleName() + ")"
                : "the STS transport failed (" + cause.getClass().getSimpleName() + ")";
        return new StsUnavailableException(what + tries(attempt), cause);
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
