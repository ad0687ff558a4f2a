package dev.eksauth.testkit.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import dev.eksauth.testkit.LoopbackCertificate;

/**
 * The server under every fake: the JDK's HTTP or HTTPS server on {@code 127.0.0.1}, its own named
 * daemon threads, routes whose exchanges are always closed, and one way to write an answer.
 *
 * <pre>{@code
 * LoopbackServer server = LoopbackServer.named("fake-sts").port(0).route("/", this::handle).start();
 * }</pre>
 *
 * <p>A route that throws a {@link RuntimeException} before answering gets a 500; one that returns
 * without answering closes the connection unanswered. Thread-safe; {@link #close()} stops the
 * server, frees its port and ends its threads.
 */
public final class LoopbackServer implements AutoCloseable {
    /** The content type of JSON answers. */
    public static final String JSON = "application/json";
    private static final InetAddress LOOPBACK = loopback();

    /** Handles one request; the server closes the exchange afterwards. */
    @FunctionalInterface
    public interface Route {
        /**
         * Answers the request, or returns without answering to drop the connection.
         *
         * @throws IOException when the connection fails
         */
        void handle(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI endpoint;

    private LoopbackServer(HttpServer server, ExecutorService executor, String scheme) {
        this.server = server;
        this.executor = executor;
        this.endpoint = URI.create(scheme + "://" + LOOPBACK.getHostAddress() + ":" + server.getAddress().getPort());
    }

    /** A builder for a server whose threads carry this name, e.g. {@code fake-sts}. */
    public static Builder named(String threadName) {
        return new Builder(Objects.requireNonNull(threadName, "threadName"));
    }

    /** Where the server listens, e.g. {@code https://127.0.0.1:41234}; still known after close. */
    public URI endpoint() {
        return endpoint;
    }

    /** Answers with a status and a body; an empty body is sent as none. */
    public static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Answers with a status and a body in UTF-8. */
    public static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        send(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Stops listening at once, drops open connections and interrupts handlers still running. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static HttpHandler closing(Route route) {
        return exchange -> {
            try {
                route.handle(exchange);
            } catch (RuntimeException e) {
                if (exchange.getResponseCode() == -1) {
                    exchange.sendResponseHeaders(500, -1);
                }
            } finally {
                exchange.close();
            }
        };
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new AssertionError("a four-byte address is always valid", e);
        }
    }

    /** Configures a {@link LoopbackServer}. Not thread-safe. */
    public static final class Builder {
        private final String threadName;
        private final Map<String, Route> routes = new LinkedHashMap<>();
        private int port;
        private LoopbackCertificate tls;

        private Builder(String threadName) {
            this.threadName = threadName;
        }

        /** The port; default 0, any free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Serves HTTPS with this certificate; plain HTTP when not called. */
        public Builder tls(LoopbackCertificate tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /** Sends requests whose path starts with {@code pathPrefix} to {@code route}; the longest prefix wins. */
        public Builder route(String pathPrefix, Route route) {
            routes.put(pathPrefix, Objects.requireNonNull(route, "route"));
            return this;
        }

        /**
         * Binds the port and starts serving.
         *
         * @throws IllegalStateException when the port cannot be bound
         * @throws IllegalArgumentException when the port is outside 0..65535
         */
        public LoopbackServer start() {
            InetSocketAddress address = new InetSocketAddress(LOOPBACK, port);
            HttpsConfigurator https = tls == null ? null : new HttpsConfigurator(tls.serverContext());
            HttpServer server;
            try {
                if (https == null) {
                    server = HttpServer.create(address, 0);
                } else {
                    HttpsServer secure = HttpsServer.create(address, 0);
                    secure.setHttpsConfigurator(https);
                    server = secure;
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot bind " + LOOPBACK.getHostAddress() + ":" + port, e);
            }
            ExecutorService executor = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, threadName);
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(executor);
            routes.forEach((path, route) -> server.createContext(path, closing(route)));
            server.start();
            return new LoopbackServer(server, executor, https == null ? "http" : "https");
        }
    }
}
