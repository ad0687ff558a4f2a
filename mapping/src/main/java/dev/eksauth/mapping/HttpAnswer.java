package dev.eksauth.mapping;

import java.time.Duration;
import java.util.Optional;

import dev.eksauth.core.SettingChecks;

/**
 * What an HTTP webhook or gateway answers for an {@link AuthenticationResult}: the status, and when
 * the caller should retry. The body is the caller's own, e.g. {@link TokenReview#respond}. Immutable
 * and thread-safe.
 *
 * @param status the HTTP status: 200, 401, 403, 429 or 503
 * @param retryAfter when to retry, for 429 and 503; empty otherwise
 */
public record HttpAnswer(int status, Optional<Duration> retryAfter) {
    /** 200, authenticated. */
    public static final HttpAnswer OK = new HttpAnswer(200, Optional.empty());

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException when the status is not 100 to 599 or the retry time is not positive
     */
    public HttpAnswer {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP status from 100 to 599, was " + status);
        }
        retryAfter.ifPresent(d -> SettingChecks.positive(d, "retryAfter"));
    }

    /** The {@code Retry-After} header value: whole seconds, rounded up, at least 1. */
    public Optional<String> retryAfterHeader() {
        return retryAfter.map(d -> {
            long seconds = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
            return Long.toString(Math.max(1, seconds));
        });
    }
}
