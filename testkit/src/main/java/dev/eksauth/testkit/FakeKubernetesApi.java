package dev.eksauth.testkit;

import static dev.eksauth.testkit.internal.LoopbackServer.JSON;
import static dev.eksauth.testkit.internal.LoopbackServer.send;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpExchange;

import dev.eksauth.testkit.internal.LoopbackServer;

/**
 * A loopback HTTPS Kubernetes API server for client tests: every request's bearer token goes to a
 * check of your choice (e.g. an {@code EksTokenVerifier} against a {@link FakeSts}); a missing or
 * refused token gets 401, an accepted one a namespace list at {@code GET /api/v1/namespaces} (404
 * elsewhere).
 *
 * <pre>{@code
 * try (FakeKubernetesApi api = FakeKubernetesApi.create(token -> isValid(token))) {
 *     // point a client at api.endpoint(), trusting api.certificateAuthorityData()
 * }
 * }</pre>
 *
 * <p>In JUnit 5 tests, {@link FakeKubernetesApiExtension} starts and closes it. Answers wait for the
 * client's delayed ACK (tens of milliseconds each) unless the JVM runs with
 * {@code -Dsun.net.httpserver.nodelay=true}; the fake leaves that JVM-wide choice to you (see the
 * package documentation).
 *
 * <p>Thread-safe; {@link #close()} stops it and frees its port. Accepted tokens are kept for
 * assertions: they are test secrets, do not log them.
 */
public final class FakeKubernetesApi implements AutoCloseable {
    /** What {@code GET /api/v1/namespaces} answers: {@code default} and {@code kube-system}. */
    public static final String NAMESPACE_LIST = """
            {"kind":"NamespaceList","apiVersion":"v1","metadata":{"resourceVersion":"42"},
             "items":[{"metadata":{"name":"default"}},{"metadata":{"name":"kube-system"}}]}""";
    private static final String UNAUTHORIZED = """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized",
             "reason":"Unauthorized","code":401}""";
    private static final String NOT_FOUND = """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"not found",
             "reason":"NotFound","code":404}""";

    private final LoopbackCertificate tls = LoopbackCertificate.generate();
    private final Predicate<String> tokenCheck;
    private final LoopbackServer server;
    private final List<String> acceptedTokens = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    private FakeKubernetesApi(Predicate<String> tokenCheck) {
        this.tokenCheck = tokenCheck;
        this.server = LoopbackServer.named("fake-kubernetes-api").tls(tls).route("/", this::handle).start();
    }

    /**
     * Starts a server that accepts a request when {@code tokenCheck} returns true for its bearer
     * token; an exception from the check counts as a refusal.
     */
    public static FakeKubernetesApi create(Predicate<String> tokenCheck) {
        return new FakeKubernetesApi(Objects.requireNonNull(tokenCheck, "tokenCheck"));
    }

    /** The API server URL, e.g. {@code https://127.0.0.1:41234}. */
    public URI endpoint() {
        return server.endpoint();
    }

    /** The server certificate in PEM: the cluster's certificate authority. */
    public String certificateAuthorityPem() {
        return tls.certificatePem();
    }

    /** The certificate authority as kubeconfig and EKS DescribeCluster give it: base64 of the PEM. */
    public String certificateAuthorityData() {
        return Base64.getEncoder().encodeToString(tls.certificatePem().getBytes(StandardCharsets.US_ASCII));
    }

    /** Every token that passed the check, in order of arrival (repeats included). */
    public List<String> acceptedTokens() {
        return List.copyOf(acceptedTokens);
    }

    /** Requests received. */
    public int requests() {
        return requests.get();
    }

    /** Requests answered 401. */
    public int refused() {
        return refused.get();
    }

    /** Stops the server and frees its port; requests in flight are dropped. */
    @Override
    public void close() {
        server.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ") || !accepts(authorization.substring(7))) {
            refused.incrementAndGet();
            send(exchange, 401, JSON, UNAUTHORIZED);
            return;
        }
        acceptedTokens.add(authorization.substring(7));
        if ("GET".equals(exchange.getRequestMethod()) && "/api/v1/namespaces".equals(exchange.getRequestURI().getPath())) {
            send(exchange, 200, JSON, NAMESPACE_LIST);
        } else {
            send(exchange, 404, JSON, NOT_FOUND);
        }
    }

    private boolean accepts(String token) {
        try {
            return tokenCheck.test(token);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
