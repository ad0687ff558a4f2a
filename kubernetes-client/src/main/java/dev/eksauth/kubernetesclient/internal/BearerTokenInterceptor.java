package dev.eksauth.kubernetesclient.internal;

import java.io.IOException;
import java.util.Objects;
import java.util.function.Supplier;

import dev.eksauth.token.EksToken;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Sets {@code Authorization: Bearer <current token>} on every request. A token that cannot be had
 * fails the call with an {@link IOException} (caused by the token error) before anything is sent,
 * which OkHttp reports to the caller in both synchronous and asynchronous calls.
 */
public final class BearerTokenInterceptor implements Interceptor {
    private final Supplier<EksToken> tokens;

    /** An interceptor asking the supplier for every request. */
    public BearerTokenInterceptor(Supplier<EksToken> tokens) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    @Override
    public Response intercept(Interceptor.Chain chain) throws IOException {
        String token;
        try {
            token = tokens.get().value();
        } catch (RuntimeException e) {
            throw new IOException("no EKS token for the request: " + e.getMessage(), e);
        }
        return chain.proceed(chain.request().newBuilder().header("Authorization", "Bearer " + token).build());
    }

    @Override
    public String toString() {
        return "BearerTokenInterceptor";
    }
}
