package dev.eksauth.fabric8;

import java.util.Objects;
import java.util.function.Supplier;

import dev.eksauth.token.CachingTokenSupplier;
import dev.eksauth.token.EksToken;
import dev.eksauth.token.EksTokenGenerator;
import dev.eksauth.token.TokenGenerationException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.OAuthTokenProvider;

/**
 * A fabric8 {@link OAuthTokenProvider} that hands out the current EKS token. fabric8 asks its token
 * provider before every request (and again after a 401), so with a {@link CachingTokenSupplier}
 * behind it a long-running client always sends a token that is not about to expire.
 *
 * <p>Plug it into any fabric8 {@link Config}, for example one read from a kubeconfig file:
 *
 * <pre>{@code
 * Config config = Config.autoConfigure(null);
 * config.setOauthTokenProvider(EksOAuthTokenProvider.create(
 *         CachingTokenSupplier.create(EksTokenGenerator.create("prod"))));
 * }</pre>
 *
 * <p>{@link EksFabric8} builds a whole {@link Config} with one. Thread-safe when the token supplier
 * is (a {@link CachingTokenSupplier} is). {@link #close()} releases a generator that eksauth built
 * (and so owns); a supplier given to {@link #create(Supplier)} is never closed. {@link #toString()}
 * never shows a token.
 */
public final class EksOAuthTokenProvider implements OAuthTokenProvider, AutoCloseable {
    private final Supplier<EksToken> tokens;
    private final EksTokenGenerator ownedGenerator;

    private EksOAuthTokenProvider(Supplier<EksToken> tokens, EksTokenGenerator ownedGenerator) {
        this.tokens = tokens;
        this.ownedGenerator = ownedGenerator;
    }

    /**
     * A provider that asks the supplier for a token on every request: give it a
     * {@link CachingTokenSupplier}, or another supplier that caches, not a bare generator.
     */
    public static EksOAuthTokenProvider create(Supplier<EksToken> tokens) {
        return new EksOAuthTokenProvider(Objects.requireNonNull(tokens, "tokens"), null);
    }

    static EksOAuthTokenProvider owning(Supplier<EksToken> tokens, EksTokenGenerator generator) {
        return new EksOAuthTokenProvider(tokens, generator);
    }

    /**
     * The current token's value.
     *
     * @throws TokenGenerationException when a new token is due and cannot be generated; fabric8 then
     *     fails the request without sending it
     */
    @Override
    public String getToken() {
        return tokens.get().value();
    }

    /** Closes the token generator when eksauth built it; otherwise does nothing. */
    @Override
    public void close() {
        if (ownedGenerator != null) {
            ownedGenerator.close();
        }
    }

    /** Names the cluster when known; never shows a token. */
    @Override
    public String toString() {
        return ownedGenerator != null
                ? "EksOAuthTokenProvider[clusterId=" + ownedGenerator.clusterId() + "]"
                : "EksOAuthTokenProvider[custom token supplier]";
    }
}
