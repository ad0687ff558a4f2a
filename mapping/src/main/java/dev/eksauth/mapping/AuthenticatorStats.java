package dev.eksauth.mapping;

import java.util.Objects;

import dev.eksauth.token.VerifierStats;

/**
 * What an {@link EksAuthenticator} has done since it was created, read at one moment by
 * {@link EksAuthenticator#stats()}, together with its verifier's {@link VerifierStats}. The counters
 * only grow; take two snapshots and {@link #minus(AuthenticatorStats)} them for what happened in
 * between, e.g. for a metrics exporter.
 *
 * <p>{@code authenticationCount} counts every call that started; the three outcomes count the calls
 * that ended with that result. A snapshot reads the outcomes first, so {@code authenticationCount}
 * is never below their sum; the difference is calls still under way.
 *
 * <p>An immutable value, thread-safe.
 *
 * @param authenticationCount calls of {@code authenticate} and {@code authenticateAsync}
 * @param authenticatedCount calls that ended {@link AuthenticationResult.Authenticated}
 * @param deniedCount calls that ended {@link AuthenticationResult.Denied}
 * @param unavailableCount calls that ended {@link AuthenticationResult.Unavailable}
 * @param verifier the token verifier's statistics, read after the counts above
 */
public record AuthenticatorStats(long authenticationCount, long authenticatedCount, long deniedCount,
        long unavailableCount, VerifierStats verifier) {
    private static final AuthenticatorStats EMPTY = new AuthenticatorStats(0, 0, 0, 0, VerifierStats.empty());

    /**
     * Checks that no count is negative.
     *
     * @throws IllegalArgumentException when one is
     */
    public AuthenticatorStats {
        if (authenticationCount < 0 || authenticatedCount < 0 || deniedCount < 0 || unavailableCount < 0) {
            throw new IllegalArgumentException("authenticator statistics must not be negative");
        }
        Objects.requireNonNull(verifier, "verifier");
    }

    /** Statistics of an authenticator that has done nothing. */
    public static AuthenticatorStats empty() {
        return EMPTY;
    }

    /**
     * What happened between an earlier snapshot and this one: each count minus the earlier one's (0
     * where the earlier one is larger), and the verifiers' difference.
     *
     * @param earlier an earlier snapshot of the same authenticator
     * @return the difference
     */
    public AuthenticatorStats minus(AuthenticatorStats earlier) {
        return new AuthenticatorStats(
                Math.max(0, authenticationCount - earlier.authenticationCount),
                Math.max(0, authenticatedCount - earlier.authenticatedCount),
                Math.max(0, deniedCount - earlier.deniedCount),
                Math.max(0, unavailableCount - earlier.unavailableCount),
                verifier.minus(earlier.verifier));
    }
}
