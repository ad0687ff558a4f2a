package dev.eksauth.token.internal;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

import dev.eksauth.token.StsTransport;

/**
 * The default transport: the JDK {@code HttpClient}, redirects never followed, a connect timeout,
 * the request's own timeout, and bodies capped at 64 KiB. Thread-safe. Not public API.
 */
public final class JdkStsTransport implements StsTransport {
    static final int MAX_BODY = 64 * 1024;

    private final HttpClient client;

    /** A transport with the given connect timeout. */
    public JdkStsTransport(Duration connectTimeout) {
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .build();
    }

    @Override
    public CompletableFuture<Response> send(Request request) {
        HttpRequest.Builder http = HttpRequest.newBuilder(request.url()).GET().timeout(request.timeout());
        request.headers().forEach(http::header);
        if (!request.signedHost().equals(request.url().getHost())) {
            try {
                // Honoured only when the JVM allows it (-Djdk.httpclient.allowRestrictedHeaders=host).
                http.header("Host", request.signedHost());
            } catch (IllegalArgumentException restricted) {
                // The JDK forbids setting Host: the request goes out with the override's host.
            }
        }
        return client.sendAsync(http.build(), info -> new CappedBody(MAX_BODY))
                .thenApply(r -> new Response(r.statusCode(), r.body()));
    }

    /** Collects a body as UTF-8 text, failing once it exceeds a size. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<String> {
        private final int max;
        private final CompletableFuture<String> result = new CompletableFuture<>();
        private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        private Flow.Subscription subscription;

        CappedBody(int max) {
            this.max = max;
        }

        @Override
        public CompletionStage<String> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer item : items) {
                int n = item.remaining();
                if (bytes.size() + n > max) {
                    subscription.cancel();
                    result.completeExceptionally(new IOException("STS answer is larger than " + max + " bytes"));
                    return;
                }
                byte[] chunk = new byte[n];
                item.get(chunk);
                bytes.write(chunk, 0, n);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toString(StandardCharsets.UTF_8));
        }
    }
}
