package dev.eksauth.testkit.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many of the next requests a fake's fault switch still applies to. Thread-safe: concurrent
 * requests take one each, never more than were set.
 */
public final class Countdown {
    private final AtomicInteger left = new AtomicInteger();

    /** Applies to the next {@code n} requests (none when {@code n} is zero or negative). */
    public void set(int n) {
        left.set(Math.max(0, n));
    }

    /** True, counting one down, while requests are left; false once none are. */
    public boolean take() {
        return left.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }
}
