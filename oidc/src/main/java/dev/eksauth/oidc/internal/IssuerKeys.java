package dev.eksauth.oidc.internal;

import java.io.Closeable;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * An issuer's signing keys: found through its discovery document on first use, then served by a
 * Nimbus {@link JWKSourceBuilder} source that caches them, refreshes them ahead of expiry, refetches
 * on an unknown key id at most once per rate-limit interval, and keeps the last good keys through an
 * outage. Signature verifiers are made once per fetched key. Discovery that fails is retried on a later use, at most once per rate-limit interval.
 *
 * <p>Thread-safe. {@link #close()} stops background refreshes.
 */
public final class IssuerKeys implements JWKSource<SecurityContext>, Closeable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DefaultJWSVerifierFactory VERIFIERS = new DefaultJWSVerifierFactory();
    private static final int MAX_CACHED_VERIFIERS = 64;

    /**
     * How keys are cached; see {@link JWKSourceBuilder}. A refresh starts up to 30 seconds (at most
     * a quarter of the time-to-live) before the keys expire, and waits up to 15 seconds (at most a
     * quarter of the time-to-live) for another thread's refresh.
     */
    public record Caching(Duration timeToLive, Duration rateLimit, Duration outageTolerance) {
        long refreshAheadMillis() {
            return Math.min(30_000L, timeToLive.toMillis() / 4);
        }

        long refreshTimeoutMillis() {
            return Math.min(JWKSourceBuilder.DEFAULT_CACHE_REFRESH_TIMEOUT, timeToLive.toMillis() / 4);
        }
    }

    private final String issuer;
    private final URI discoveryUrl;
    private final HttpsFetcher fetcher;
    private final Caching caching;
    private volatile JWKSource<SecurityContext> keys;
    /** Keyed by the identity of keys in the cached set: a refetched set brings new instances. */
    private volatile Map<JWK, JWSVerifier> verifierCache = new IdentityHashMap<>();
    private long nextDiscoveryNanos;
    private String lastFailure;

    /**
     * @param discoveryUrl where the discovery document is, or null for {@code <issuer>/.well-known/openid-configuration}
     */
    public IssuerKeys(String issuer, URI discoveryUrl, HttpsFetcher fetcher, Caching caching) {
        this.issuer = issuer;
        this.discoveryUrl = discoveryUrl;
        this.fetcher = fetcher;
        this.caching = caching;
    }

    /**
     * Verifiers for the issuer's keys that match a token's header (key type, key id, use, algorithm):
     * usually one. A verifier is made once per fetched key and reused.
     *
     * @throws KeySourceException when no keys can be had, or an unknown key id hit the refetch limit
     */
    public List<JWSVerifier> verifiers(JWSHeader header) throws KeySourceException {
        JWKMatcher matcher = JWKMatcher.forJWSHeader(header);
        if (matcher == null) {
            return List.of();
        }
        List<JWK> matches = get(new JWKSelector(matcher), null);
        List<JWSVerifier> out = new ArrayList<>(matches.size());
        for (JWK jwk : matches) {
            JWSVerifier verifier = verifierCache.get(jwk);
            if (verifier == null) {
                verifier = newVerifier(jwk, header);
                if (verifier == null) {
                    continue;
                }
                cache(jwk, verifier);
            }
            out.add(verifier);
        }
        return out;
    }

    private static JWSVerifier newVerifier(JWK jwk, JWSHeader header) {
        try {
            return jwk instanceof AsymmetricJWK asymmetric
                    ? VERIFIERS.createJWSVerifier(header, asymmetric.toPublicKey())
                    : null;
        } catch (JOSEException e) {
            return null;
        }
    }

    private synchronized void cache(JWK jwk, JWSVerifier verifier) {
        Map<JWK, JWSVerifier> next = verifierCache.size() >= MAX_CACHED_VERIFIERS
                ? new IdentityHashMap<>() : new IdentityHashMap<>(verifierCache);
        next.put(jwk, verifier);
        verifierCache = next;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        JWKSource<SecurityContext> source = keys;
        if (source == null) {
            source = discover();
        }
        return source.get(selector, context);
    }

    private synchronized JWKSource<SecurityContext> discover() throws KeySourceException {
        if (keys != null) {
            return keys;
        }
        long now = System.nanoTime();
        if (lastFailure != null && now - nextDiscoveryNanos < 0) {
            throw new KeySourceException(lastFailure);
        }
        try {
            URI jwksUri = jwksUri();
            keys = JWKSourceBuilder.<SecurityContext>create(jwksUri.toURL(), fetcher)
                    .cache(caching.timeToLive().toMillis(), caching.refreshTimeoutMillis())
                    .refreshAheadCache(caching.refreshAheadMillis(), false)
                    .rateLimited(caching.rateLimit().toMillis())
                    .outageTolerant(caching.outageTolerance().toMillis())
                    .build();
            return keys;
        } catch (IOException | IllegalArgumentException e) {
            lastFailure = "OIDC discovery for " + issuer + " failed: " + e.getMessage();
            nextDiscoveryNanos = now + caching.rateLimit().toNanos();
            throw new KeySourceException(lastFailure, e);
        }
    }

    private URI jwksUri() throws IOException {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        URI discovery = discoveryUrl != null ? discoveryUrl : URI.create(base + "/.well-known/openid-configuration");
        JsonNode document = JSON.readTree(fetcher.fetch(discovery).getContent());
        if (document == null || !document.isObject()) {
            throw new IOException("the discovery document is not a JSON object");
        }
        JsonNode advertised = document.get("issuer");
        if (advertised == null || !advertised.isTextual() || !advertised.asText().equals(issuer)) {
            throw new IOException("the discovery document names issuer "
                    + (advertised == null ? "none" : "'" + advertised.asText() + "'") + ", expected '" + issuer + "'");
        }
        JsonNode jwks = document.get("jwks_uri");
        if (jwks == null || !jwks.isTextual()) {
            throw new IOException("the discovery document has no jwks_uri");
        }
        try {
            URI uri = new URI(jwks.asText());
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw new IOException("jwks_uri must be an https URL, was '" + jwks.asText() + "'");
            }
            uri.toURL();
            return uri;
        } catch (URISyntaxException | MalformedURLException e) {
            throw new IOException("jwks_uri is not a URL: '" + jwks.asText() + "'", e);
        }
    }

    @Override
    public void close() throws IOException {
        if (keys instanceof Closeable closeable) {
            closeable.close();
        }
    }
}
