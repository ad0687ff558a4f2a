package dev.eksauth.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** The resolver against the real EC2 client, talking to a loopback DescribeInstances endpoint. */
class Ec2PrivateDnsNameResolverTest {
    final Map<String, String> instances = Map.of(
            "i-00000000000000001", "ip-10-0-0-1.us-west-2.compute.internal",
            "i-00000000000000002", "ip-10-0-0-2.us-west-2.compute.internal");
    final List<List<String>> calls = Collections.synchronizedList(new ArrayList<>());
    volatile int failWith;
    final HttpServer ec2 = start();
    final Ec2Client client = Ec2Client.builder().region(Region.US_WEST_2)
            .endpointOverride(URI.create("http://127.0.0.1:" + ec2.getAddress().getPort()))
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIATEST", "secret")))
            .httpClient(UrlConnectionHttpClient.create()).build();

    @AfterEach
    void stop() {
        client.close();
        ec2.stop(0);
    }

    HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", this::describeInstances);
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    void describeInstances(HttpExchange exchange) throws IOException {
        String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        List<String> ids = new ArrayList<>();
        for (String pair : form.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].startsWith("Filter.1.Value.")) {
                ids.add(URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
        }
        calls.add(ids);
        StringBuilder xml = new StringBuilder("<DescribeInstancesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
                + "<requestId>r</requestId><reservationSet><item><reservationId>r-1</reservationId><instancesSet>");
        for (String id : ids) {
            if (instances.containsKey(id)) {
                xml.append("<item><instanceId>").append(id).append("</instanceId><privateDnsName>")
                        .append(instances.get(id)).append("</privateDnsName></item>");
            }
        }
        xml.append("</instancesSet></item></reservationSet></DescribeInstancesResponse>");
        byte[] body = (failWith == 0 ? xml.toString() : "<Response><Errors><Error><Code>InternalError</Code>"
                + "<Message>x</Message></Error></Errors></Response>").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(failWith == 0 ? 200 : failWith, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Test
    void concurrentLookupsShareOneDescribeInstancesCall() throws Exception {
        try (Ec2PrivateDnsNameResolver resolver = Ec2PrivateDnsNameResolver.builder().ec2Client(client)
                .maxBatchSize(20).batchWindow(Duration.ofMinutes(1)).build()) {
            ExecutorService pool = Executors.newFixedThreadPool(20);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String id = i % 2 == 0 ? "i-00000000000000001" : "i-00000000000000002";
                String other = "i-" + String.format("%017x", 100 + i);
                answers.add(pool.submit(() -> {
                    start.await();
                    try {
                        resolver.privateDnsName(other);
                    } catch (IllegalStateException unknown) {
                        // Unknown instances fail alone.
                    }
                    return resolver.privateDnsName(id);
                }));
            }
            start.countDown();
            for (Future<String> answer : answers) {
                assertThat(answer.get()).startsWith("ip-10-0-0-");
            }
            pool.shutdown();

            assertThat(calls.get(0)).hasSize(20);
        }
    }

    @Test
    void answersAreCached() {
        try (Ec2PrivateDnsNameResolver resolver = Ec2PrivateDnsNameResolver.builder().ec2Client(client)
                .batchWindow(Duration.ZERO).build()) {
            assertThat(resolver.privateDnsName("i-00000000000000001")).isEqualTo("ip-10-0-0-1.us-west-2.compute.internal");
            assertThat(resolver.privateDnsName("i-00000000000000001")).isEqualTo("ip-10-0-0-1.us-west-2.compute.internal");

            assertThat(calls).hasSize(1);
        }
    }

    @Test
    void anUnknownInstanceOrAFailingCallIsAnError() {
        try (Ec2PrivateDnsNameResolver resolver = Ec2PrivateDnsNameResolver.builder().ec2Client(client)
                .batchWindow(Duration.ZERO).build()) {
            assertThatThrownBy(() -> resolver.privateDnsName("i-0000000000000dead"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not know");
            failWith = 400;
            assertThatThrownBy(() -> resolver.privateDnsName("i-00000000000000002"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("DescribeInstances failed");
        }
    }

    @Test
    void templatesRenderThroughIt() {
        try (Ec2PrivateDnsNameResolver resolver = Ec2PrivateDnsNameResolver.builder().ec2Client(client)
                .batchWindow(Duration.ZERO).build()) {
            var node = Fixtures.assumedRole("111122223333", "Node", "i-00000000000000002");

            assertThat(dev.eksauth.core.UsernameTemplate.compile("system:node:{{EC2PrivateDNSName}}").render(node, resolver))
                    .isEqualTo("system:node:ip-10-0-0-2.us-west-2.compute.internal");
        }
    }

    @Test
    void builderChecksItsArguments() {
        assertThatThrownBy(() -> Ec2PrivateDnsNameResolver.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Ec2PrivateDnsNameResolver.builder().maxBatchSize(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ec2PrivateDnsNameResolver.builder().maxCallsPerSecond(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
