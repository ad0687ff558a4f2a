package dev.eksauth.testkit.internal;

import java.util.OptionalInt;

/**
 * A fake's "answer the next requests with a server error" switch: how many and which 5xx status.
 * Thread-safe. Not public API.
 */
public final class ServerErrors {
    private final Countdown next = new Countdown();
    private volatile int status = 500;

    /**
     * Fails the next {@code n} requests with {@code status}.
     *
     * @throws IllegalArgumentException when the status is not 5xx
     */
    public void set(int n, int status) {
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("status must be 5xx, was " + status);
        }
        this.status = status;
        next.set(n);
    }

    /** Fails no more requests. */
    public void clear() {
        next.set(0);
    }

    /** The status to fail this request with, counting one down, or empty when none is left. */
    public OptionalInt take() {
        return next.take() ? OptionalInt.of(status) : OptionalInt.empty();
    }
}
