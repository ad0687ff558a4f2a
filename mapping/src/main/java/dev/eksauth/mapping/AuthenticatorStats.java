package dev.eksauth.mapping;

/**
 * What an {@link EksAuthenticator} has done since it was created, as one snapshot. Immutable and
 * thread-safe.
 *
 * <p>{@code authentications} counts every call that started; the three outcomes count the calls
 * that ended with that result. A snapshot is taken outcomes first, so {@code authentications} is
 * never below their sum; the difference is calls still under way or that failed with a bug.
 *
 * @param authentications calls of {@code authenticate} and {@code authenticateAsync}
 * @param authenticated calls that ended {@link AuthenticationResult.Authenticated}
 * @param denied calls that ended {@link AuthenticationResult.Denied}
 * @param unavailable calls that ended {@link AuthenticationResult.Unavailable}
 */
public record AuthenticatorStats(long authentications, long authenticated, long denied, long unavailable) {
    /** No calls. */
    public static final AuthenticatorStats ZERO = new AuthenticatorStats(0, 0, 0, 0);

    /** What happened between an earlier snapshot and this one: each count minus the earlier one's. */
    public AuthenticatorStats minus(AuthenticatorStats earlier) {
        return new AuthenticatorStats(authentications - earlier.authentications, authenticated - earlier.authenticated,
                denied - earlier.denied, unavailable - earlier.unavailable);
    }
}
