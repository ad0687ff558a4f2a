package dev.eksauth.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import dev.eksauth.cli.internal.WebhookMetrics.Outcome;
import dev.eksauth.core.CallerIdentity;
import dev.eksauth.mapping.AuthenticationResult;
import dev.eksauth.mapping.EksAuthenticator;
import dev.eksauth.mapping.HttpAnswer;
import dev.eksauth.mapping.InvalidTokenReviewException;
import dev.eksauth.mapping.TokenReview;

/**
 * The TokenReview webhook: {@code POST /authenticate} answers kube-apiserver's TokenReview
 * ({@code authentication.k8s.io/v1} and {@code v1beta1}) with the status the authentication result
 * gives ({@link AuthenticationResult#httpAnswer()}): 200 and the user; 401 (a bad token) or 403 (an
 * identity that is not allowed) with {@code authenticated: false}; 429 when STS throttles and 503
 * when STS or a lookup the mapping needs is unavailable, both with {@code Retry-After}. A body that
 * is not a TokenReview gets 400. {@code GET /healthz} (alive), {@code GET /readyz} (503 while the
 * aws-auth file cannot be loaded and everyone is denied) and {@code GET /metrics} (Prometheus text).
 *
 * <p>Bounded: at most {@code maxConcurrency} requests are read or verified at once (more get 503
 * at once), bodies over {@code maxBodyBytes} get 413, and verification runs asynchronously, so a
 * worker thread is held only while a request is read. The JDK server closes connections whose
 * request is not read within its {@code sun.net.httpserver.maxReqTime}, which the serve command
 * sets; until then a client that sends its request slowly holds one of the
 * {@code maxConcurrency + 4} worker threads, so that many slow clients at once delay the others by
 * up to that time.
 * Thread-safe. Not public API.
 */
final class WebhookServer implements AutoCloseable {
    private static final String JSON = "application/json";

    private final HttpServer server;
    private final ThreadPoolExecutor workers;
    private final EksAuthenticator authenticator;
    private final Semaphore permits;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final int maxBodyBytes;
    private final PrintStream log;
    private final WebhookMetrics metrics;
    private final boolean tls;
    private final int maxConcurrency;
    private final AwsAuthWatch awsAuth;
    private volatile boolean closing;

    /** What the server needs. {@code tls} may be null for plain HTTP; {@code awsAuth} may be null. */
    record Settings(InetSocketAddress address, SSLContext tls, EksAuthenticator authenticator,
            dev.eksauth.token.EksTokenVerifier verifier, AwsAuthWatch awsAuth, int maxConcurrency, int maxBodyBytes,
            PrintStream log) {
        Settings {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(authenticator, "authenticator");
            Objects.requireNonNull(verifier, "verifier");
            Objects.requireNonNull(log, "log");
            if (maxConcurrency < 1 || maxBodyBytes < 1) {
                throw new IllegalArgumentException("maxConcurrency and maxBodyBytes must be positive");
            }
        }
    }

    private WebhookServer(Settings s) throws IOException {
        this.authenticator = s.authenticator();
        this.permits = new Semaphore(s.maxConcurrency());
        this.maxConcurrency = s.maxConcurrency();
        this.maxBodyBytes = s.maxBodyBytes();
        this.log = s.log();
        this.tls = s.tls() != null;
        this.awsAuth = s.awsAuth();
        this.metrics = new WebhookMetrics(() -> s.verifier().stats().stsRequestCount(),
                () -> s.verifier().stats().cacheHitCount(), inFlight::get, s.awsAuth());
        // A few threads beyond the limit answer 503 while the others are busy with slow clients.
        int threads = s.maxConcurrency() + 4;
        AtomicInteger names = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(threads * 4), r -> {
                    Thread t = new Thread(r, "eksauth-webhook-" + names.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        if (tls) {
            HttpsServer https = HttpsServer.create(s.address(), 128);
            https.setHttpsConfigurator(new HttpsConfigurator(s.tls()));
            this.server = https;
        } else {
            this.server = HttpServer.create(s.address(), 128);
        }
        server.setExecutor(workers);
        server.createContext("/authenticate", this::authenticate);
        server.createContext("/healthz", this::healthz);
        server.createContext("/readyz", this::readyz);
        server.createContext("/metrics", this::metrics);
        server.createContext("/", exchange -> text(exchange, 404, "not found: use POST /authenticate, GET /healthz, GET /readyz or GET /metrics"));
    }

    /**
     * Binds and starts a server.
     *
     * @throws IOException when the address cannot be bound
     */
    static WebhookServer start(Settings settings) throws IOException {
        WebhookServer server = new WebhookServer(settings);
        server.server.start();
        return server;
    }

    /** The base URL, e.g. {@code https://127.0.0.1:21362}. */
    URI baseUrl() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        return URI.create((tls ? "https" : "http") + "://" + host + ":" + a.getPort());
    }

    /** The TokenReview URL, {@code <base>/authenticate}. */
    URI authenticateUrl() {
        return URI.create(baseUrl() + "/authenticate");
    }

    /** The counters. */
    WebhookMetrics metrics() {
        return metrics;
    }

    private void authenticate(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "POST");
            finish(exchange, start, Outcome.BAD_REQUEST, 405, "text/plain", "use POST with a TokenReview");
            return;
        }
        if (closing || !permits.tryAcquire()) {
            exchange.getResponseHeaders().set("Retry-After", "1");
            finish(exchange, start, Outcome.OVERLOADED, 503, "text/plain", "too many requests in flight; retry");
            return;
        }
        inFlight.incrementAndGet();
        boolean handedOver = false;
        try {
            byte[] body = readBody(exchange);
            if (body == null) {
                finish(exchange, start, Outcome.TOO_LARGE, 413, "text/plain",
                        "a TokenReview request must be at most " + maxBodyBytes + " bytes");
                return;
            }
            TokenReview review;
            try {
                review = TokenReview.parse(new String(body, StandardCharsets.UTF_8));
            } catch (InvalidTokenReviewException e) {
                finish(exchange, start, Outcome.BAD_REQUEST, 400, "text/plain", e.getMessage());
                return;
            }
            CompletableFuture<AuthenticationResult> pending;
            try {
                pending = authenticator.authenticateAsync(review.token());
            } catch (RuntimeException e) {
                log.println("eksauth serve: internal error while authenticating: " + e.getClass().getName());
                finish(exchange, start, Outcome.ERROR, 500, "text/plain", "internal error");
                return;
            }
            handedOver = true;
            pending.whenComplete((result, error) -> {
                try {
                    answer(exchange, start, review, result, error);
                } finally {
                    release();
                }
            });
        } finally {
            if (!handedOver) {
                release();
            }
        }
    }

    private void release() {
        inFlight.decrementAndGet();
        permits.release();
    }

    private void answer(HttpExchange exchange, long start, TokenReview review, AuthenticationResult result,
            Throwable error) {
        try {
            if (error != null) {
                log.println("eksauth serve: internal error while authenticating: " + error.getClass().getName());
                finish(exchange, start, Outcome.ERROR, 500, "text/plain", "internal error");
                return;
            }
            if (result instanceof AuthenticationResult.Denied denied) {
                log.println("eksauth serve: denied (" + denied.reason() + ")" + who(denied.identity()) + ": "
                        + denied.message());
            } else if (result instanceof AuthenticationResult.Unavailable unavailable) {
                log.println("eksauth serve: unavailable (" + unavailable.reason() + ")" + who(unavailable.identity())
                        + ": " + unavailable.message());
            }
            HttpAnswer http = result.httpAnswer();
            http.retryAfterHeader().ifPresent(seconds -> exchange.getResponseHeaders().set("Retry-After", seconds));
            finish(exchange, start, Outcome.of(result), http.status(), JSON, review.respond(result));
        } catch (IOException | RuntimeException e) {
            exchange.close();
        }
    }

    private static String who(Optional<CallerIdentity> identity) {
        return identity.map(i -> " " + i.arn()).orElse("");
    }

    /** The body, or null when it is larger than the limit. */
    private byte[] readBody(HttpExchange exchange) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > maxBodyBytes) {
                    return null;
                }
            } catch (NumberFormatException e) {
                return null;
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(maxBodyBytes + 1);
            return body.length > maxBodyBytes ? null : body;
        }
    }

    private void healthz(HttpExchange exchange) throws IOException {
        text(exchange, "GET".equals(exchange.getRequestMethod()) ? 200 : 405, "ok");
    }

    /** Ready unless closing or denying everyone for want of a loadable aws-auth file; checks the file first. */
    private void readyz(HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            text(exchange, 405, "use GET");
            return;
        }
        if (closing) {
            text(exchange, 503, "not ready: shutting down");
            return;
        }
        if (awsAuth != null) {
            awsAuth.check();
            if (!awsAuth.ready()) {
                text(exchange, 503, "not ready: the aws-auth file cannot be loaded ("
                        + awsAuth.lastError().orElse("") + "); everyone is denied");
                return;
            }
        }
        text(exchange, 200, "ok");
    }

    private void metrics(HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            text(exchange, 405, "use GET");
            return;
        }
        send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.exposition());
    }

    private void finish(HttpExchange exchange, long start, Outcome outcome, int status, String type, String body)
            throws IOException {
        metrics.record(outcome, System.nanoTime() - start);
        send(exchange, status, type.equals(JSON) ? JSON : type + "; charset=utf-8", body);
    }

    private static void text(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, "text/plain; charset=utf-8", body);
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        try (exchange) {
            byte[] bytes = (body + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /**
     * Answers new requests with 503, lets requests under way finish (for up to five seconds), then
     * stops the server and its workers.
     */
    @Override
    public void close() {
        closing = true;
        try {
            permits.tryAcquire(maxConcurrency, 5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.stop(0);
        workers.shutdownNow();
    }
}
