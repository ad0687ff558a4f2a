package dev.eksauth.oidc.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import javax.net.ssl.SSLContext;

import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;

/**
 * Fetches an issuer's discovery document and key set with the JDK's HTTP client: HTTPS only, no
 * redirects, a request timeout and a size cap. Thread-safe.
 */
public final class HttpsFetcher implements ResourceRetriever {
    private final HttpClient client;
    private final Duration requestTimeout;
    private final int maxBytes;

    /**
     * @param sslContext the trust for the issuer, or null for the JVM's default trust
     */
    public HttpsFetcher(SSLContext sslContext, Duration connectTimeout, Duration requestTimeout, int maxBytes) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        this.client = builder.build();
        this.requestTimeout = requestTimeout;
        this.maxBytes = maxBytes;
    }

    @Override
    public Resource retrieveResource(URL url) throws IOException {
        try {
            return fetch(url.toURI());
        } catch (URISyntaxException e) {
            throw new IOException("not a valid URL: " + url, e);
        }
    }

    /**
     * GETs a JSON resource.
     *
     * @throws IOException when the URL is not https, the connection fails, the status is not 200 or
     *     the body is larger than the cap; the message names the URL and what went wrong
     */
    public Resource fetch(URI uri) throws IOException {
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IOException("refusing to fetch " + uri + ": only https is allowed");
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(requestTimeout)
                .header("Accept", "application/json").GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while fetching " + uri);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException(uri + " answered HTTP " + response.statusCode());
            }
            byte[] bytes = body.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new IOException(uri + " answered more than " + maxBytes + " bytes");
            }
            return new Resource(new String(bytes, StandardCharsets.UTF_8),
                    response.headers().firstValue("Content-Type").orElse(null));
        }
    }
}
