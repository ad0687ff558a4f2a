package dev.eksauth.fabric8;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import dev.eksauth.core.CallerIdentity;
import dev.eksauth.testkit.FakeSts;
import dev.eksauth.testkit.LoopbackCertificate;
import dev.eksauth.token.EksTokenVerifier;
import dev.eksauth.token.TokenVerificationException;

/**
 * A loopback HTTPS Kubernetes API server for one EKS cluster: it verifies every request's bearer
 * token with {@link EksTokenVerifier} against a {@link FakeSts}, answers 401 when the token is
 * missing or invalid, and otherwise lists namespaces.
 */
final class FakeEksApi implements AutoCloseable {
    static final String NAMESPACE_LIST = """
            {"kind":"NamespaceList","apiVersion":"v1","metadata":{"resourceVersion":"42"},
             "items":[{"metadata":{"name":"default"}},{"metadata":{"name":"kube-system"}}]}""";
    private static final String UNAUTHORIZED = """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized",
             "reason":"Unauthorized","code":401}""";
    private static final String NOT_FOUND = """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"not found",
             "reason":"NotFound","code":404}""";

    private final LoopbackCertificate tls = LoopbackCertificate.generate();
    private final EksTokenVerifier verifier;
    private final String expectedArn;
    private final HttpsServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-eks-api");
        t.setDaemon(true);
        return t;
    });
    private final List<String> acceptedTokens = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    FakeEksApi(FakeSts sts, Clock clock, String clusterId, String expectedArn) {
        this.expectedArn = expectedArn;
        this.verifier = EksTokenVerifier.builder().clusterId(clusterId).stsEndpointOverride(sts.endpoint())
                .clock(clock).requestTimeout(Duration.ofSeconds(5)).retryDeadline(Duration.ofSeconds(5)).build();
        try {
            server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind a loopback port", e);
        }
        server.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String endpoint() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    String certificateAuthorityPem() {
        return tls.certificatePem();
    }

    String certificateAuthorityData() {
        return Base64.getEncoder().encodeToString(tls.certificatePem().getBytes(StandardCharsets.US_ASCII));
    }

    /** Every token that passed verification, in order of arrival (repeats included). */
    List<String> acceptedTokens() {
        return acceptedTokens;
    }

    int requests() {
        return requests.get();
    }

    /** Requests answered 401. */
    int refused() {
        return refused.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !authorization.startsWith("Bearer ")) {
                refuse(exchange);
                return;
            }
            String token = authorization.substring("Bearer ".length());
            CallerIdentity who;
            try {
                who = verifier.verify(token);
            } catch (TokenVerificationException e) {
                refuse(exchange);
                return;
            }
            if (!who.arn().toString().equals(expectedArn)) {
                refuse(exchange);
                return;
            }
            acceptedTokens.add(token);
            if ("GET".equals(exchange.getRequestMethod()) && "/api/v1/namespaces".equals(exchange.getRequestURI().getPath())) {
                send(exchange, 200, NAMESPACE_LIST);
            } else {
                send(exchange, 404, NOT_FOUND);
            }
        }
    }

    private void refuse(HttpExchange exchange) throws IOException {
        refused.incrementAndGet();
        send(exchange, 401, UNAUTHORIZED);
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
