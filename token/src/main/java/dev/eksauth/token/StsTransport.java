package dev.eksauth.token;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Sends the verifier's GetCallerIdentity request to STS. The default sends it with the JDK
 * {@code HttpClient}; plug in another for a proxy, a custom TLS set-up or tests.
 *
 * <p>Implementations must be thread-safe, must not follow redirects, must honour the request's
 * timeout, and should cap the size of the body they read. The request URL holds a presigned
 * signature: never log it.
 */
@FunctionalInterface
public interface StsTransport {

    /**
     * Sends a GET request.
     *
     * @param request what to send
     * @return a future of STS's answer, failed with an {@link java.io.IOException} (or another
     *     exception) when no answer arrived
     */
    CompletableFuture<Response> send(Request request);

    /**
     * A GET request to STS.
     *
     * @param url where to send it; may differ from the token's URL when an endpoint override is set
     * @param signedHost the host the token was signed for; a transport that can set the {@code Host}
     *     header sends it when {@code url} names another host
     * @param headers headers to send ({@code x-k8s-aws-id} and {@code Accept})
     * @param timeout how long to wait for the whole answer
     */
    record Request(URI url, String signedHost, Map<String, String> headers, Duration timeout) {
        /** Checks and copies the components. */
        public Request {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(signedHost, "signedHost");
            headers = Map.copyOf(headers);
            Objects.requireNonNull(timeout, "timeout");
        }

        /** Shows the host only; the URL holds a signature. */
        @Override
        public String toString() {
            return "Request[host=" + url.getHost() + ", signedHost=" + signedHost + ", timeout=" + timeout + "]";
        }
    }

    /**
     * STS's answer.
     *
     * @param statusCode the HTTP status
     * @param body the body as text (possibly truncated by the transport's size cap)
     */
    record Response(int statusCode, String body) {
        /** Checks the body is not null. */
        public Response {
            Objects.requireNonNull(body, "body");
        }
    }
}
