package dev.eksauth.cli.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback EC2 that answers DescribeInstances (query protocol, XML) from a table of instance ids
 * and private DNS names, or fails every call with a status. Records the access key id each call was
 * signed with. Thread-safe.
 */
final class FakeEc2 implements AutoCloseable {
    private final Map<String, String> instances = new ConcurrentHashMap<>();
    private final List<String> signers = Collections.synchronizedList(new ArrayList<>());
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private volatile int failWith;

    FakeEc2() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::describeInstances);
        server.setExecutor(executor);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    FakeEc2 instance(String id, String privateDnsName) {
        instances.put(id, privateDnsName);
        return this;
    }

    /** Every call from now on answers this status with an EC2 error (0 answers again). */
    void failWith(int status) {
        this.failWith = status;
    }

    /** The access key ids of the calls so far, oldest first. */
    List<String> signers() {
        synchronized (signers) {
            return List.copyOf(signers);
        }
    }

    private void describeInstances(HttpExchange exchange) throws IOException {
        try (exchange) {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            int credential = authorization.indexOf("Credential=");
            signers.add(credential < 0 ? "" : authorization.substring(credential + 11, authorization.indexOf('/', credential)));
            List<String> ids = new ArrayList<>();
            for (String pair : form.split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv[0].startsWith("Filter.1.Value.")) {
                    ids.add(URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
                }
            }
            StringBuilder xml = new StringBuilder("<DescribeInstancesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
                    + "<requestId>r</requestId><reservationSet><item><reservationId>r-1</reservationId><instancesSet>");
            for (String id : ids) {
                if (instances.containsKey(id)) {
                    xml.append("<item><instanceId>").append(id).append("</instanceId><privateDnsName>")
                            .append(instances.get(id)).append("</privateDnsName></item>");
                }
            }
            xml.append("</instancesSet></item></reservationSet></DescribeInstancesResponse>");
            int status = failWith;
            byte[] body = (status == 0 ? xml.toString() : "<Response><Errors><Error><Code>Unavailable</Code>"
                    + "<Message>down</Message></Error></Errors><RequestID>r</RequestID></Response>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status == 0 ? 200 : status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
