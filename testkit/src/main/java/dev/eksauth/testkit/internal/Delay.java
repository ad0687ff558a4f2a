package dev.eksauth.testkit.internal;

import java.time.Duration;
import java.util.Objects;

/** How long a fake holds each answer back; zero for not at all. Thread-safe. */
public final class Delay {
    private volatile Duration duration = Duration.ZERO;

    /**
     * Holds later answers back by this much.
     *
     * @throws IllegalArgumentException when the delay is negative
     */
    public void set(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, was " + delay);
        }
        this.duration = delay;
    }

    /**
     * Waits the delay out on the calling handler thread.
     *
     * @return false when the wait was interrupted (the server is closing): the caller should not answer
     */
    public boolean await() {
        Duration wait = duration;
        if (wait.isZero()) {
            return true;
        }
        try {
            Thread.sleep(wait.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
