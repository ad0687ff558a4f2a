package dev.eksauth.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A UTC clock that tests move by hand: give it to a token generator, a cache, a verifier and a fake
 * STS, then {@link #advance} it past an expiry instead of waiting. Thread-safe.
 */
public final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;

    private MutableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** A clock that reads this instant, e.g. {@code "2026-11-23T10:00:00Z"}, until moved. */
    public static MutableClock at(String instant) {
        return at(Instant.parse(instant));
    }

    /** A clock that reads this instant until moved. */
    public static MutableClock at(Instant instant) {
        return new MutableClock(instant);
    }

    /** Moves the clock forward (or back, with a negative duration). */
    public void advance(Duration d) {
        now.updateAndGet(t -> t.plus(d));
    }

    /** Sets the clock. */
    public void set(Instant instant) {
        now.set(instant);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** Returns this clock: it is always UTC. */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public String toString() {
        return "MutableClock[" + now.get() + "]";
    }
}
