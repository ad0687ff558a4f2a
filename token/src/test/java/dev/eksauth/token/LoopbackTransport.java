package dev.eksauth.token;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/**
 * An {@link StsTransport} for tests that sends each request as it is, with the JDK
 * {@code HttpClient} and no redirects, so that the testkit's {@code FakeSts} checks the real
 * signature; tests wrap it to hold requests back or to move a clock when an answer arrives.
 */
final class LoopbackTransport implements StsTransport {
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Override
    public CompletableFuture<Response> send(Request request) {
        HttpRequest.Builder get = HttpRequest.newBuilder(request.url()).GET().timeout(request.timeout());
        request.headers().forEach(get::header);
        return http.sendAsync(get.build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(answer -> new Response(answer.statusCode(), answer.body()));
    }
}
