package dev.eksauth.cli.internal;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import dev.eksauth.cli.internal.WebhookMetrics.Outcome;
import dev.eksauth.mapping.AuthenticationResult;
import dev.eksauth.mapping.EksAuthenticator;
import dev.eksauth.mapping.HttpAnswer;
import dev.eksauth.mapping.InvalidTokenReviewException;
import dev.eksauth.mapping.TokenReview;

/**
 * The TokenReview webhook, on Jetty: {@code POST /authenticate} answers kube-apiserver's TokenReview
 * ({@code authentication.k8s.io/v1} and {@code v1beta1}) with the status the authentication result
 * gives ({@link AuthenticationResult#httpAnswer()}): 200 and the user; 401 (a bad token) or 403 (an
 * identity that is not allowed) with {@code authenticated: false}; 429 when STS throttles and 503
 * when STS or a lookup the mapping needs is unavailable, both with {@code Retry-After}. A body that
 * is not a TokenReview gets 400. {@code GET /healthz} (alive), {@code GET /readyz} (503 while a
 * mapping backend has no mapping in force) and {@code GET /metrics} (Prometheus text).
 *
 * <p>Bounded: Jetty reads requests without blocking, so a client that sends its request slowly
 * holds its socket but no thread; a connection must deliver its whole request within the read
 * timeout ({@link ReadDeadlines}) and at most {@code maxConnections} are open at once (Jetty stops
 * accepting beyond). At most {@code maxConcurrency} requests are read or verified at once (more get
 * 503 at once), bodies over {@code maxBodyBytes} get 413, and verification runs asynchronously.
 * Each request to {@code /authenticate} is one line of the {@link AccessLog}.
 * Thread-safe. Not public API.
 */
final class WebhookServer implements AutoCloseable {
    private static final String JSON = "application/json";
    private static final String TEXT = "text/plain; charset=utf-8";

    private final Server server;
    private final ServerConnector connector;
    private final SslContextFactory.Server ssl;
    private final ReadDeadlines deadlines;
    private final EksAuthenticator authenticator;
    private final Semaphore permits;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final int maxBodyBytes;
    private final AccessLog log;
    private final WebhookMetrics metrics;
    private final boolean tls;
    private final int maxConcurrency;
    private final List<MappingBackend> backends;
    private volatile boolean closing;

    /**
     * What the server needs. {@code tls} may be null for plain HTTP; {@code backends} are asked by {@code /readyz}.
     * {@code readTimeout} bounds the reading of a request; {@code answerTimeout} how long a
     * connection may stay silent while its answer is worked out.
     */
    record Settings(InetSocketAddress address, SSLContext tls, EksAuthenticator authenticator,
            dev.eksauth.token.EksTokenVerifier verifier, List<MappingBackend> backends, int maxConcurrency, int maxBodyBytes,
            int maxConnections, Duration readTimeout, Duration answerTimeout, AccessLog log) {
        Settings {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(authenticator, "authenticator");
            Objects.requireNonNull(verifier, "verifier");
            backends = List.copyOf(backends);
            Objects.requireNonNull(readTimeout, "readTimeout");
            Objects.requireNonNull(answerTimeout, "answerTimeout");
            Objects.requireNonNull(log, "log");
            if (maxConcurrency < 1 || maxBodyBytes < 1 || maxConnections < 1) {
                throw new IllegalArgumentException("maxConcurrency, maxBodyBytes and maxConnections must be positive");
            }
        }
    }

    private WebhookServer(Settings s) {
        this.authenticator = s.authenticator();
        this.permits = new Semaphore(s.maxConcurrency());
        this.maxConcurrency = s.maxConcurrency();
        this.maxBodyBytes = s.maxBodyBytes();
        this.log = s.log();
        this.tls = s.tls() != null;
        this.backends = s.backends();
        this.metrics = new WebhookMetrics(s.verifier(), s.authenticator(), inFlight::get);
        QueuedThreadPool threads = new QueuedThreadPool(32, 4);
        threads.setName("eksauth-webhook");
        threads.setDaemon(true);
        this.server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setRequestHeaderSize(16 * 1024);
        HttpConnectionFactory factory = new HttpConnectionFactory(http);
        if (tls) {
            this.ssl = new SslContextFactory.Server();
            ssl.setSslContext(s.tls());
            this.connector = new ServerConnector(server, 1, 1, new SslConnectionFactory(ssl, "http/1.1"), factory);
        } else {
            this.ssl = null;
            this.connector = new ServerConnector(server, 1, 1, factory);
        }
        connector.setHost(s.address().getAddress().getHostAddress());
        connector.setPort(s.address().getPort());
        connector.setAcceptQueueSize(128);
        connector.setIdleTimeout(s.answerTimeout().plus(s.readTimeout()).toMillis());
        this.deadlines = new ReadDeadlines(server.getScheduler(), s.readTimeout());
        connector.addEventListener(deadlines);
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(s.maxConnections(), connector));
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                route(request, response, callback);
                return true;
            }
        });
    }

    /**
     * Binds and starts a server.
     *
     * @throws java.io.IOException when the address cannot be bound
     */
    static WebhookServer start(Settings settings) throws java.io.IOException {
        WebhookServer server = new WebhookServer(settings);
        try {
            server.server.start();
        } catch (java.io.IOException e) {
            server.stopQuietly();
            throw e;
        } catch (Exception e) {
            server.stopQuietly();
            throw new java.io.IOException(e.getMessage(), e);
        }
        return server;
    }

    /** The base URL, e.g. {@code https://127.0.0.1:21362}. */
    URI baseUrl() {
        String host = connector.getHost();
        if (host == null || host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0")) {
            host = "127.0.0.1";
        }
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        return URI.create((tls ? "https" : "http") + "://" + host + ":" + connector.getLocalPort());
    }

    /** The TokenReview URL, {@code <base>/authenticate}. */
    URI authenticateUrl() {
        return URI.create(baseUrl() + "/authenticate");
    }

    /** The counters. */
    WebhookMetrics metrics() {
        return metrics;
    }

    /**
     * Presents another certificate to new connections.
     *
     * @throws IllegalStateException when the server does not serve TLS, or Jetty refuses the context
     */
    void reloadTls(SSLContext context) {
        if (ssl == null) {
            throw new IllegalStateException("the server does not serve TLS");
        }
        try {
            ssl.reload(f -> f.setSslContext(context));
        } catch (Exception e) {
            throw new IllegalStateException("cannot use the new TLS context (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** Connections whose request is awaited now. */
    int awaitingRequests() {
        return deadlines.waiting();
    }

    private void route(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        Connection connection = request.getConnectionMetaData().getConnection();
        // Re-arm the read deadline for the connection's next request once this one is answered.
        Callback done = new Callback() {
            @Override
            public void succeeded() {
                deadlines.arm(connection);
                callback.succeeded();
            }

            @Override
            public void failed(Throwable x) {
                callback.failed(x);
            }
        };
        switch (path) {
            case "/authenticate" -> authenticate(request, response, done, connection);
            case "/healthz" -> {
                deadlines.disarm(connection);
                healthz(request, response, done);
            }
            case "/readyz" -> {
                deadlines.disarm(connection);
                readyz(request, response, done);
            }
            case "/metrics" -> {
                deadlines.disarm(connection);
                metrics(request, response, done);
            }
            default -> {
                deadlines.disarm(connection);
                send(response, done, 404, TEXT, "not found: use POST /authenticate, GET /healthz, GET /readyz or GET /metrics");
            }
        }
    }

    private void authenticate(Request request, Response response, Callback callback, Connection connection) {
        long start = System.nanoTime();
        if (!"POST".equals(request.getMethod())) {
            deadlines.disarm(connection);
            response.getHeaders().put(HttpHeader.ALLOW, "POST");
            finish(response, callback, start, Outcome.BAD_REQUEST, 405, TEXT, "use POST with a TokenReview", null);
            return;
        }
        if (closing || !permits.tryAcquire()) {
            deadlines.disarm(connection);
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
            finish(response, callback, start, Outcome.OVERLOADED, 503, TEXT, "too many requests in flight; retry", null);
            return;
        }
        inFlight.incrementAndGet();
        if (request.getLength() > maxBodyBytes) {
            deadlines.disarm(connection);
            release();
            finish(response, callback, start, Outcome.TOO_LARGE, 413, TEXT,
                    "a TokenReview request must be at most " + maxBodyBytes + " bytes", null);
            return;
        }
        Content.Source.asByteArrayAsync(request, maxBodyBytes).whenComplete((body, readError) -> {
            deadlines.disarm(connection);
            if (readError != null) {
                release();
                if (request.getLength() < 0 && !(readError instanceof java.io.IOException)) {
                    finish(response, callback, start, Outcome.TOO_LARGE, 413, TEXT,
                            "a TokenReview request must be at most " + maxBodyBytes + " bytes", null);
                } else {
                    callback.failed(readError);
                }
                return;
            }
            review(response, callback, start, body);
        });
    }

    private void review(Response response, Callback callback, long start, byte[] body) {
        TokenReview review;
        try {
            review = TokenReview.parse(new String(body, StandardCharsets.UTF_8));
        } catch (InvalidTokenReviewException e) {
            release();
            finish(response, callback, start, Outcome.BAD_REQUEST, 400, TEXT, e.getMessage(), null);
            return;
        }
        CompletableFuture<AuthenticationResult> pending;
        try {
            pending = authenticator.authenticateAsync(review.token());
        } catch (RuntimeException e) {
            release();
            log.note("eksauth serve: internal error while authenticating: " + e.getClass().getName());
            finish(response, callback, start, Outcome.ERROR, 500, TEXT, "internal error", null);
            return;
        }
        pending.whenComplete((result, error) -> {
            try {
                answer(response, callback, start, review, result, error);
            } finally {
                release();
            }
        });
    }

    private void release() {
        inFlight.decrementAndGet();
        permits.release();
    }

    private void answer(Response response, Callback callback, long start, TokenReview review,
            AuthenticationResult result, Throwable error) {
        if (error != null) {
            log.note("eksauth serve: internal error while authenticating: " + error.getClass().getName());
            finish(response, callback, start, Outcome.ERROR, 500, TEXT, "internal error", null);
            return;
        }
        HttpAnswer http = result.httpAnswer();
        http.retryAfterHeader().ifPresent(seconds -> response.getHeaders().put(HttpHeader.RETRY_AFTER, seconds));
        finish(response, callback, start, Outcome.of(result), http.status(), JSON, review.respond(result), result);
    }

    private void healthz(Request request, Response response, Callback callback) {
        send(response, callback, "GET".equals(request.getMethod()) ? 200 : 405, TEXT, "ok");
    }

    /** Ready unless closing or denying everyone for want of a loadable aws-auth file; checks the file first. */
    private void readyz(Request request, Response response, Callback callback) {
        if (!"GET".equals(request.getMethod())) {
            send(response, callback, 405, TEXT, "use GET");
            return;
        }
        if (closing) {
            send(response, callback, 503, TEXT, "not ready: shutting down");
            return;
        }
        for (MappingBackend backend : backends) {
            backend.check();
            Optional<String> why = backend.notReady();
            if (why.isPresent()) {
                send(response, callback, 503, TEXT, "not ready: " + why.get() + "; it maps no one");
                return;
            }
        }
        send(response, callback, 200, TEXT, "ok");
    }

    private void metrics(Request request, Response response, Callback callback) {
        if (!"GET".equals(request.getMethod())) {
            send(response, callback, 405, TEXT, "use GET");
            return;
        }
        send(response, callback, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.exposition());
    }

    private void finish(Response response, Callback callback, long start, Outcome outcome, int status, String type,
            String body, AuthenticationResult result) {
        long nanos = System.nanoTime() - start;
        metrics.record(outcome, nanos);
        log.review(outcome, status, result, nanos);
        send(response, callback, status, type, body);
    }

    private static void send(Response response, Callback callback, int status, String type, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.write(true, ByteBuffer.wrap((body + "\n").getBytes(StandardCharsets.UTF_8)), callback);
    }

    /**
     * Answers new requests with 503, lets requests under way finish (for up to five seconds), then
     * stops the server and its threads.
     */
    @Override
    public void close() {
        closing = true;
        try {
            permits.tryAcquire(maxConcurrency, 5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopQuietly();
    }

    private void stopQuietly() {
        try {
            server.stop();
        } catch (Exception e) {
            // Stopping frees the port and threads; nothing else is left to do.
        }
    }
}
