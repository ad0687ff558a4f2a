package dev.eksauth.testkit;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpExchange;

import dev.eksauth.testkit.internal.Countdown;
import dev.eksauth.testkit.internal.ServerErrors;
import dev.eksauth.testkit.internal.Delay;
import dev.eksauth.testkit.internal.LoopbackServer;
import dev.eksauth.testkit.internal.Requests;
import dev.eksauth.testkit.internal.StsActions;
import dev.eksauth.testkit.internal.StsXml;

/**
 * A loopback AWS STS for tests: it knows registered identities, recomputes every request's SigV4
 * signature with the AWS SDK's signer, and answers GetCallerIdentity, AssumeRole and
 * AssumeRoleWithWebIdentity as STS does, in XML, or JSON when asked.
 *
 * <pre>{@code
 * try (FakeSts sts = FakeSts.create()) {
 *     StsIdentity alice = sts.register(StsIdentity.user("123456789012", "alice"));
 *     EksTokenVerifier verifier = EksTokenVerifier.builder().clusterId("test")
 *             .stsEndpointOverride(sts.endpoint()).build();
 * }
 * }</pre>
 *
 * <p>Because it stands in for every STS host, a signature is accepted when it matches the received
 * {@code Host} header or any real STS host of the credential scope's region (so a token signed for
 * {@code sts.us-west-2.amazonaws.com} verifies when sent here). Errors have STS's shapes: 403
 * {@code SignatureDoesNotMatch} (wrong signature, other signed header values, or a signature older
 * than 15 minutes), 403 {@code InvalidClientTokenId} (unknown key or wrong session token), 400
 * {@code Throttling}. Switches inject throttling, server errors, delays and dropped connections;
 * counters count requests. In JUnit 5 tests, {@link FakeStsExtension} starts and closes it.
 *
 * <p>Answers wait for the client's delayed ACK (tens of milliseconds each) unless the JVM runs with
 * {@code -Dsun.net.httpserver.nodelay=true}; the fake leaves that JVM-wide choice to you (see the
 * package documentation). Thread-safe; {@link #close()} stops it and frees its port.
 */
public final class FakeSts implements AutoCloseable {
    private final LoopbackServer server;
    private final StsActions actions;
    private final AtomicLong requests = new AtomicLong();
    private final Map<String, AtomicLong> byAction = new ConcurrentHashMap<>();
    private final Countdown throttleNext = new Countdown();
    private final ServerErrors failNext = new ServerErrors();
    private final Countdown dropNext = new Countdown();
    private final Delay delay = new Delay();

    private FakeSts(Builder b) {
        this.actions = new StsActions(b.clock, b.credentialLifetime, b.webIdentityTokenValidator);
        b.identities.forEach(actions::register);
        this.server = LoopbackServer.named("fake-sts").port(b.port).route("/", this::handle).start();
    }

    /** A fake STS with the system clock, started. */
    public static FakeSts create() {
        return builder().build();
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Where to send requests, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return server.endpoint();
    }

    /** Registers credentials; returns them for chaining. */
    public StsIdentity register(StsIdentity identity) {
        actions.register(identity);
        return identity;
    }

    /** Answers the next {@code n} requests with 400 {@code Throttling}. */
    public void throttleNext(int n) {
        throttleNext.set(n);
    }

    /** Answers the next {@code n} requests with a server error of the given 5xx status. */
    public void failNext(int n, int status) {
        failNext.set(n, status);
    }

    /** Closes the next {@code n} connections without answering. */
    public void dropNext(int n) {
        dropNext.set(n);
    }

    /**
     * Delays every answer by this much (zero for none).
     *
     * @throws IllegalArgumentException when the delay is negative
     */
    public void delayResponses(Duration delay) {
        this.delay.set(delay);
    }

    /** Clears counters, injected faults and the delay; registered identities stay. */
    public void reset() {
        requests.set(0);
        byAction.clear();
        throttleNext.set(0);
        failNext.clear();
        dropNext.set(0);
        delay.set(Duration.ZERO);
    }

    /** Requests received, whatever their outcome. */
    public long requestCount() {
        return requests.get();
    }

    /** Requests received for an action, e.g. {@code GetCallerIdentity}. */
    public long requestCount(String action) {
        AtomicLong n = byAction.get(action);
        return n == null ? 0 : n.get();
    }

    /** The web identity tokens AssumeRoleWithWebIdentity received, oldest first (secrets: do not log). */
    public List<String> webIdentityTokens() {
        return actions.webIdentityTokens();
    }

    /** The external ids AssumeRole received, oldest first (empty strings where none was sent). */
    public List<String> externalIds() {
        return actions.externalIds();
    }

    /**
     * The MFA devices and codes AssumeRole received, oldest first, as {@code SERIAL=CODE} (empty
     * where none was sent). The fake accepts any code: tests assert what was sent.
     */
    public List<String> mfaCodes() {
        return actions.mfaCodes();
    }

    /** Stops the fake and frees its port; requests in flight are dropped. */
    @Override
    public void close() {
        server.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        if (dropNext.take() || !delay.await()) {
            return;
        }
        boolean json = String.valueOf(exchange.getRequestHeaders().getFirst("Accept")).contains(LoopbackServer.JSON);
        byte[] body = Requests.body(exchange);
        StsActions.Answer answer;
        if (body == null) {
            answer = StsActions.Answer.error(413, "Sender", "RequestEntityTooLarge", "the request body is too large");
        } else if (throttleNext.take()) {
            answer = StsActions.Answer.error(400, "Sender", "Throttling", "Rate exceeded");
        } else {
            OptionalInt serverError = failNext.take();
            answer = serverError.isPresent()
                    ? StsActions.Answer.error(serverError.getAsInt(), "Receiver", "InternalFailure", "injected server error")
                    : answer(exchange, body);
        }
        byAction.computeIfAbsent(answer.action(), a -> new AtomicLong()).incrementAndGet();
        String requestId = UUID.randomUUID().toString();
        String text = answer.code() == null
                ? StsXml.success(answer.action(), answer.result(), requestId, json)
                : StsXml.error(answer.type(), answer.code(), answer.message(), requestId, json);
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        LoopbackServer.send(exchange, answer.status(), json ? LoopbackServer.JSON : "text/xml", text);
    }

    private StsActions.Answer answer(HttpExchange exchange, byte[] body) {
        List<Map.Entry<String, String>> params = new ArrayList<>();
        List<Map.Entry<String, String>> query;
        try {
            query = Requests.parameters(exchange.getRequestURI().getRawQuery());
            params.addAll(query);
            String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
            if ("POST".equals(exchange.getRequestMethod()) && type.startsWith("application/x-www-form-urlencoded")) {
                params.addAll(Requests.parameters(new String(body, StandardCharsets.UTF_8)));
            }
        } catch (IllegalArgumentException e) {
            return StsActions.Answer.error(400, "Sender", "MalformedQueryString", "the query string is malformed");
        }
        return actions.answer(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), query, params,
                Requests.headers(exchange), body);
    }

    @Override
    public String toString() {
        return "FakeSts[" + endpoint() + ", requests=" + requests.get() + "]";
    }

    /** Configures a {@link FakeSts}. Not thread-safe. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private Duration credentialLifetime = Duration.ofHours(1);
        private Predicate<String> webIdentityTokenValidator = token -> !token.isEmpty();
        private final List<StsIdentity> identities = new ArrayList<>();
        private int port;

        private Builder() {
        }

        /**
         * The loopback port to listen on; default 0, any free port.
         *
         * @throws IllegalArgumentException when the port is outside 0..65535
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** The clock that decides signature age and credential expiry; default the system UTC clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How long credentials from AssumeRole and AssumeRoleWithWebIdentity last; default 1 hour. */
        public Builder credentialLifetime(Duration lifetime) {
            if (lifetime.isNegative() || lifetime.isZero()) {
                throw new IllegalArgumentException("credentialLifetime must be positive");
            }
            this.credentialLifetime = lifetime;
            return this;
        }

        /** Decides which web identity tokens are valid; default any non-empty token. */
        public Builder webIdentityTokenValidator(Predicate<String> validator) {
            this.webIdentityTokenValidator = Objects.requireNonNull(validator, "validator");
            return this;
        }

        /** Registers credentials from the start. */
        public Builder identity(StsIdentity identity) {
            identities.add(Objects.requireNonNull(identity, "identity"));
            return this;
        }

        /**
         * Starts the fake.
         *
         * @throws IllegalStateException when the port cannot be bound
         */
        public FakeSts build() {
            return new FakeSts(this);
        }
    }
}
