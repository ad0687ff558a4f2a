package dev.eksauth.testkit;

import static dev.eksauth.testkit.internal.LoopbackServer.JSON;
import static dev.eksauth.testkit.internal.LoopbackServer.send;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;

import dev.eksauth.core.SigningAlgorithm;
import dev.eksauth.testkit.internal.Countdown;
import dev.eksauth.testkit.internal.Delay;
import dev.eksauth.testkit.internal.LoopbackServer;
import dev.eksauth.testkit.internal.SigningKeys;

/**
 * A loopback OIDC issuer for tests: it serves a discovery document and a JWKS over HTTPS with a
 * generated certificate, and mints ID tokens signed by its keys (or by any key, with any header, to
 * build attacks).
 *
 * <pre>{@code
 * try (FakeOidcIssuer issuer = FakeOidcIssuer.create()) {
 *     String token = issuer.token().subject("alice").audience("my-client").sign();
 *     // trust issuer.certificatePem() and verify the token against issuer.issuer()
 * }
 * }</pre>
 *
 * <p>The issuer URL is {@code https://127.0.0.1:<port>} (plus an optional path); the discovery
 * document is at {@code <issuer>/.well-known/openid-configuration} and names
 * {@code <issuer>/keys} as its {@code jwks_uri}. Keys can be rotated and removed while it runs;
 * removed keys are no longer published. Switches make the JWKS endpoint fail or slow down;
 * counters count requests. In JUnit 5 tests, {@link FakeOidcIssuerExtension} starts and closes it.
 *
 * <p>Answers wait for the client's delayed ACK (tens of milliseconds each) unless the JVM runs with
 * {@code -Dsun.net.httpserver.nodelay=true}; the fake leaves that JVM-wide choice to you (see the
 * package documentation). Thread-safe; {@link #close()} stops it and frees its port.
 */
public final class FakeOidcIssuer implements AutoCloseable {
    private static final String DISCOVERY = "/.well-known/openid-configuration";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final LoopbackCertificate tls = LoopbackCertificate.generate();
    private final LoopbackServer server;
    private final String path;
    private final Clock clock;
    private final SigningAlgorithm defaultAlgorithm;
    private final List<JWK> keys = new CopyOnWriteArrayList<>();
    private final AtomicLong discoveryRequests = new AtomicLong();
    private final AtomicLong jwksRequests = new AtomicLong();
    private final Countdown failJwksNext = new Countdown();
    private final Delay jwksDelay = new Delay();
    private volatile boolean jwksDown;
    private volatile String advertisedIssuer;

    private FakeOidcIssuer(Builder b) {
        this.path = b.path;
        this.clock = b.clock;
        this.defaultAlgorithm = b.algorithms.get(0);
        b.algorithms.forEach(alg -> keys.add(SigningKeys.generate(jws(alg))));
        this.server = LoopbackServer.named("fake-oidc-issuer").tls(tls)
                .route(path + DISCOVERY, this::discovery).route(path + "/keys", this::jwks).start();
    }

    /** An issuer with one RS256 key and the system clock, started. */
    public static FakeOidcIssuer create() {
        return builder().build();
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The issuer URL, e.g. {@code https://127.0.0.1:41234}: the {@code iss} of minted tokens. */
    public URI issuer() {
        return URI.create(server.endpoint() + path);
    }

    /** Where the keys are served. */
    public URI jwksUri() {
        return URI.create(issuer() + "/keys");
    }

    /** The server's certificate in PEM: what clients must trust. */
    public String certificatePem() {
        return tls.certificatePem();
    }

    /** The server's certificate and key. */
    public LoopbackCertificate tls() {
        return tls;
    }

    /**
     * A builder for a token from this issuer: {@code iss} set, issued now, expiring in an hour,
     * signed by the newest key of the first algorithm (see {@link OidcTokenBuilder#signedBy}).
     */
    public OidcTokenBuilder token() {
        return new OidcTokenBuilder(currentKey(defaultAlgorithm), issuer().toString(), clock.instant());
    }

    /** The published keys, private parts included, oldest first. */
    public List<JWK> keys() {
        return List.copyOf(keys);
    }

    /** The newest published key for an algorithm. */
    public JWK currentKey(SigningAlgorithm algorithm) {
        JWSAlgorithm alg = jws(algorithm);
        for (int i = keys.size() - 1; i >= 0; i--) {
            if (alg.equals(keys.get(i).getAlgorithm())) {
                return keys.get(i);
            }
        }
        throw new IllegalStateException("no key for " + algorithm + " is published");
    }

    /**
     * Publishes a new key for an algorithm; later tokens for that algorithm are signed with it. Old
     * keys stay published until removed, as an issuer does while it rotates.
     */
    public JWK rotateKey(SigningAlgorithm algorithm) {
        JWK key = SigningKeys.generate(jws(algorithm));
        keys.add(key);
        return key;
    }

    /** Stops publishing the key with this id. */
    public void removeKey(String keyId) {
        keys.removeIf(k -> keyId.equals(k.getKeyID()));
    }

    /**
     * A key that this issuer does not publish, for tokens an attacker would sign.
     */
    public static JWK unpublishedKey(SigningAlgorithm algorithm) {
        return SigningKeys.generate(jws(algorithm));
    }

    /** Makes the discovery document name another issuer (null for the real one). */
    public void advertiseIssuer(String issuer) {
        this.advertisedIssuer = issuer;
    }

    /** While down, the JWKS endpoint answers 503. */
    public void jwksDown(boolean down) {
        this.jwksDown = down;
    }

    /** Answers the next {@code n} JWKS requests with 500. */
    public void failJwksNext(int n) {
        failJwksNext.set(n);
    }

    /**
     * Delays every JWKS answer by this much (zero for none).
     *
     * @throws IllegalArgumentException when the delay is negative
     */
    public void delayJwks(Duration delay) {
        jwksDelay.set(delay);
    }

    /** Discovery requests received. */
    public long discoveryRequests() {
        return discoveryRequests.get();
    }

    /** JWKS requests received, whatever their outcome. */
    public long jwksRequests() {
        return jwksRequests.get();
    }

    /** Stops the issuer and frees its port; requests in flight are dropped. */
    @Override
    public void close() {
        server.close();
    }

    private void discovery(HttpExchange exchange) throws IOException {
        discoveryRequests.incrementAndGet();
        if (!(path + DISCOVERY).equals(exchange.getRequestURI().getPath())) {
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        String advertised = advertisedIssuer;
        doc.put("issuer", advertised == null ? issuer().toString() : advertised);
        doc.put("jwks_uri", jwksUri().toString());
        doc.put("response_types_supported", List.of("id_token"));
        doc.put("subject_types_supported", List.of("public"));
        List<String> algorithms = new ArrayList<>();
        keys.forEach(k -> {
            if (!algorithms.contains(k.getAlgorithm().getName())) {
                algorithms.add(k.getAlgorithm().getName());
            }
        });
        doc.put("id_token_signing_alg_values_supported", algorithms);
        send(exchange, 200, JSON, json(doc));
    }

    private void jwks(HttpExchange exchange) throws IOException {
        jwksRequests.incrementAndGet();
        if (!jwksDelay.await()) {
            return;
        }
        if (jwksDown) {
            send(exchange, 503, JSON, "{\"error\":\"unavailable\"}");
        } else if (failJwksNext.take()) {
            send(exchange, 500, JSON, "{\"error\":\"injected\"}");
        } else {
            send(exchange, 200, JSON, new JWKSet(new ArrayList<>(keys)).toPublicJWKSet().toString());
        }
    }

    private static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWSAlgorithm jws(SigningAlgorithm algorithm) {
        return JWSAlgorithm.parse(Objects.requireNonNull(algorithm, "algorithm").name());
    }

    /** Builds a {@link FakeOidcIssuer}. Not thread-safe. */
    public static final class Builder {
        private final List<SigningAlgorithm> algorithms = new ArrayList<>();
        private String path = "";
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * Publishes one key for each algorithm (RS*, PS*, ES*); RS256 alone when not called. The
         * first algorithm is the default for minted tokens.
         */
        public Builder algorithms(SigningAlgorithm... algorithms) {
            this.algorithms.clear();
            this.algorithms.addAll(List.of(algorithms));
            return this;
        }

        /** A path after the host, e.g. {@code /tenant-1}; empty by default. */
        public Builder path(String path) {
            if (!path.isEmpty() && (!path.startsWith("/") || path.endsWith("/"))) {
                throw new IllegalArgumentException("path must start and not end with '/', was " + path);
            }
            this.path = path;
            return this;
        }

        /** The clock that stamps {@code iat} and {@code exp} of minted tokens. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Starts the issuer. */
        public FakeOidcIssuer build() {
            if (algorithms.isEmpty()) {
                algorithms.add(SigningAlgorithm.RS256);
            }
            return new FakeOidcIssuer(this);
        }
    }
}
