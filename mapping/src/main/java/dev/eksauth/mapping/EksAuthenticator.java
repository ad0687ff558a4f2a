package dev.eksauth.mapping;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.eksauth.token.EksTokenVerifier;
import dev.eksauth.token.MalformedTokenException;
import dev.eksauth.token.StsRejectedException;
import dev.eksauth.token.StsThrottledException;
import dev.eksauth.token.TokenVerificationException;

/**
 * Turns a bearer token into a Kubernetes user: verifies it (the verifier caches the STS identity)
 * and maps the identity through a {@link MapperChain} on every call, so a changed or removed
 * mapping takes effect at once. Never throws for a bad token: the result says why it was denied.
 * Thread-safe.
 */
public final class EksAuthenticator {
    private final EksTokenVerifier verifier;
    private final MapperChain mappers;

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

    /** Authenticates a token without blocking; the future never fails for a bad token. */
    public CompletableFuture<AuthenticationResult> authenticateAsync(String token) {
        return verifier.verifyAsync(token).handle((identity, error) -> error == null
                ? mappers.map(identity) : denial(error));
    }

    private static AuthenticationResult denial(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (!(cause instanceof TokenVerificationException e)) {
            throw new CompletionException(cause);
        }
        DenialReason reason = e instanceof MalformedTokenException ? DenialReason.MALFORMED_TOKEN
                : e instanceof StsRejectedException ? DenialReason.STS_REJECTED
                : e instanceof StsThrottledException ? DenialReason.STS_THROTTLED
                : DenialReason.STS_UNAVAILABLE;
        return new AuthenticationResult.Denied(reason, e.getMessage(), Optional.empty());
    }

    @Override
    public String toString() {
        return "EksAuthenticator[clusterId=" + verifier.clusterId() + "]";
    }
}
