package dev.eksauth.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * The baseline of {@link ServeThroughput}: the JDK's HTTP server answering every POST with one fixed
 * TokenReview, reading the body and nothing else. Prints its URL, then serves until killed.
 */
public final class BareTokenReviewServer {
    static final byte[] ANSWER = ("{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenReview\",\"status\":"
            + "{\"authenticated\":true,\"user\":{\"username\":\"admin:alice\",\"uid\":\"aws-iam-authenticator:"
            + "111122223333:AROAADMIN\",\"groups\":[\"system:masters\"]}}}\n").getBytes(StandardCharsets.UTF_8);

    private BareTokenReviewServer() {
    }

    /** Starts the server on a free loopback port and prints its URL. */
    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.setExecutor(Executors.newFixedThreadPool(Integer.parseInt(args.length > 0 ? args[0] : "16")));
        server.createContext("/authenticate", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, ANSWER.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(ANSWER);
                }
            }
        });
        server.start();
        System.out.println("http://127.0.0.1:" + server.getAddress().getPort() + "/authenticate");
        System.out.flush();
    }
}
