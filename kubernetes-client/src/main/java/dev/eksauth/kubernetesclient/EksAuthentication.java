package dev.eksauth.kubernetesclient;

import java.util.Objects;
import java.util.function.Supplier;

import dev.eksauth.kubernetesclient.internal.BearerTokenInterceptor;
import dev.eksauth.token.CachingTokenSupplier;
import dev.eksauth.token.EksToken;
import dev.eksauth.token.EksTokenGenerator;
import dev.eksauth.token.TokenGenerationException;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.credentials.Authentication;

/**
 * An {@link Authentication} for the official Kubernetes Java client that sets the current EKS token
 * on every request, through an OkHttp interceptor. Unlike an API key set once, the token is asked
 * for per request, so with a {@link CachingTokenSupplier} behind it a long-running client never
 * sends an expired token.
 *
 * <pre>{@code
 * ApiClient client = new ClientBuilder()
 *         .setBasePath(endpoint)
 *         .setCertificateAuthority(caPemBytes)
 *         .setAuthentication(EksAuthentication.create(CachingTokenSupplier.create(EksTokenGenerator.create("prod"))))
 *         .build();
 * }</pre>
 *
 * <p>{@link EksKubernetesClient} builds a whole {@link ApiClient} with one. When no token can be had
 * (a {@link TokenGenerationException}, say), the request is not sent: the call fails with an
 * {@code ApiException} whose cause is an {@link java.io.IOException} caused by the token error.
 * Thread-safe when the token supplier is (a {@link CachingTokenSupplier} is); one instance may serve
 * many clients. {@link #toString()} never shows a token.
 */
public final class EksAuthentication implements Authentication {
    private final Supplier<EksToken> tokens;
    private final String clusterId;

    private EksAuthentication(Supplier<EksToken> tokens, String clusterId) {
        this.tokens = tokens;
        this.clusterId = clusterId;
    }

    /**
     * An authentication that asks the supplier for a token on every request: give it a
     * {@link CachingTokenSupplier}, or another supplier that caches, not a bare generator.
     */
    public static EksAuthentication create(Supplier<EksToken> tokens) {
        return new EksAuthentication(Objects.requireNonNull(tokens, "tokens"), null);
    }

    static EksAuthentication forGenerator(Supplier<EksToken> tokens, EksTokenGenerator generator) {
        return new EksAuthentication(tokens, generator == null ? null : generator.clusterId());
    }

    /**
     * Adds the token interceptor to the client's OkHttp client; {@link ClientBuilder#build()} calls
     * this. Settings applied to the client afterwards (TLS, timeouts) keep the interceptor.
     */
    @Override
    public void provide(ApiClient client) {
        Objects.requireNonNull(client, "client");
        client.setHttpClient(client.getHttpClient().newBuilder()
                .addInterceptor(new BearerTokenInterceptor(tokens))
                .build());
    }

    /** Names the cluster when known; never shows a token. */
    @Override
    public String toString() {
        return clusterId != null ? "EksAuthentication[clusterId=" + clusterId + "]"
                : "EksAuthentication[custom token supplier]";
    }
}
