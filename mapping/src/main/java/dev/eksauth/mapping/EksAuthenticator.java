package dev.eksauth.mapping;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.LongAdder;

import dev.eksauth.token.EksTokenVerifier;
import dev.eksauth.token.ExpiredTokenException;
import dev.eksauth.token.InvalidTokenException;
import dev.eksauth.token.MalformedTokenException;
import dev.eksauth.token.StsThrottledException;
import dev.eksauth.token.StsUnavailableException;

/**
 * Turns a bearer token into a Kubernetes user: verifies it (the verifier caches the STS identity)
 * and maps the identity through a {@link MapperChain} on every call, so a changed or removed
 * mapping takes effect at once. Thread-safe.
 *
 * <p>Never throws for a bad token or an outage; the result says which:
 * <ul>
 *   <li>{@link AuthenticationResult.Denied} for a wrong token ({@link MalformedTokenException} as
 *       {@link DenialReason#MALFORMED_TOKEN}, {@link ExpiredTokenException} as
 *       {@link DenialReason#EXPIRED_TOKEN}, a token STS rejected as {@link DenialReason#STS_REJECTED})
 *       or an identity the chain does not allow;</li>
 *   <li>{@link AuthenticationResult.Unavailable} when STS throttles
 *       ({@link UnavailableReason#STS_THROTTLED}) or is down ({@link UnavailableReason#STS_UNAVAILABLE}),
 *       or when the chain cannot decide now.</li>
 * </ul>
 * So a webhook that answers {@link AuthenticationResult#httpAnswer()} never answers 401 or 403 for
 * an outage. Anything else that fails (a bug in a plugged-in mapper or transport) is passed on.
 */
public final class EksAuthenticator {
    private final EksTokenVerifier verifier;
    private final MapperChain mappers;
    private final LongAdder authentications = new LongAdder();
    private final LongAdder authenticated = new LongAdder();
    private final LongAdder denied = new LongAdder();
    private final LongAdder unavailable = new LongAdder();

    private EksAuthenticator(EksTokenVerifier verifier, MapperChain mappers) {
        this.verifier = verifier;
        this.mappers = mappers;
    }

    /** An authenticator from a verifier and a mapper chain. */
    public static EksAuthenticator create(EksTokenVerifier verifier, MapperChain mappers) {
        return new EksAuthenticator(Objects.requireNonNull(verifier, "verifier"), Objects.requireNonNull(mappers, "mappers"));
    }

    /** Authenticates a token, blocking until STS answered (or the cache did). */
    public AuthenticationResult authenticate(String token) {
        return authenticateAsync(token).join();
    }

    /** Authenticates a token without blocking; the future never fails for a bad token or an outage. */
    public CompletableFuture<AuthenticationResult> authenticateAsync(String token) {
        authentications.increment();
        return verifier.verifyAsync(token)
                .handle((identity, error) -> count(error == null ? mappers.map(identity) : unverified(error)));
    }

    /** The counts so far, and the verifier's, as one snapshot. */
    public AuthenticatorStats stats() {
        long ok = authenticated.sum();
        long no = denied.sum();
        long later = unavailable.sum();
        return new AuthenticatorStats(authentications.sum(), ok, no, later, verifier.stats());
    }

    private AuthenticationResult count(AuthenticationResult result) {
        (result instanceof AuthenticationResult.Authenticated ? authenticated
                : result instanceof AuthenticationResult.Denied ? denied : unavailable).increment();
        return result;
    }

    private static AuthenticationResult unverified(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof InvalidTokenException e) {
            DenialReason reason = e instanceof MalformedTokenException ? DenialReason.MALFORMED_TOKEN
                    : e instanceof ExpiredTokenException ? DenialReason.EXPIRED_TOKEN
                    : DenialReason.STS_REJECTED;
            return new AuthenticationResult.Denied(reason, e.getMessage(), Optional.empty());
        }
        if (cause instanceof StsUnavailableException e) {
            UnavailableReason reason = e instanceof StsThrottledException ? UnavailableReason.STS_THROTTLED
                    : UnavailableReason.STS_UNAVAILABLE;
            return AuthenticationResult.Unavailable.of(reason, e.getMessage(), Optional.empty());
        }
        throw new CompletionException(cause);
    }

    @Override
    public String toString() {
        return "EksAuthenticator[clusterId=" + verifier.clusterId() + "]";
    }
}
