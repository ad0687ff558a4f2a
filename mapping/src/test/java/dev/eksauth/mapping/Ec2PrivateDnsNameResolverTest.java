package dev.eksauth.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.eksauth.core.PrivateDnsNameUnavailableException;
import dev.eksauth.core.UsernameTemplate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The resolver against the real EC2 client, talking to a loopback DescribeInstances endpoint. No
 * test depends on how fast the machine is: batches are completed by size or a zero window, the rate
 * limit reads a ticker the test moves, an unanswered call is held by a latch, and lookups wait
 * minutes only as a safety net.
 */
class Ec2PrivateDnsNameResolverTest {
    static final Duration SAFETY_NET = Duration.ofMinutes(2);
    static final String NODE_1 = "i-00000000000000001";
    static final String NODE_2 = "i-00000000000000002";
    static final String NAMELESS = "i-00000000000000003";

    final Map<String, String> instances = Map.of(
            NODE_1, "ip-10-0-0-1.us-west-2.compute.internal",
            NODE_2, "ip-10-0-0-2.us-west-2.compute.internal",
            NAMELESS, "");
    final List<List<String>> calls = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch release = new CountDownLatch(1);
    volatile int failWith;
    volatile boolean hold;
    final HttpServer ec2 = start();
    final Ec2Client client = client(URI.create("http://127.0.0.1:" + ec2.getAddress().getPort()));
    /** A ticker that moves a second on every read, so the rate limit never holds a call back. */
    final AtomicLong seconds = new AtomicLong();
    final LongSupplier ticking = () -> TimeUnit.SECONDS.toNanos(seconds.incrementAndGet());

    @AfterEach
    void stop() {
        release.countDown();
        client.close();
        ec2.stop(0);
    }

    static Ec2Client client(URI endpoint) {
        return Ec2Client.builder().region(Region.US_WEST_2).endpointOverride(endpoint)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIATEST", "secret")))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .httpClient(UrlConnectionHttpClient.create()).build();
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
        if (hold) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
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
        byte[] body = (failWith == 0 ? xml.toString() : "<Response><Errors><Error><Code>InternalError</Code>"
                + "<Message>x</Message></Error></Errors></Response>").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(failWith == 0 ? 200 : failWith, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** A resolver whose batches go out at once, never held back by the rate limit. */
    Ec2PrivateDnsNameResolver.Builder resolver() {
        return Ec2PrivateDnsNameResolver.builder().ec2Client(client).batchWindow(Duration.ZERO).timeout(SAFETY_NET)
                .ticker(ticking);
    }

    @Nested
    class Batching {
        @Test
        void concurrentLookupsShareOneDescribeInstancesCall() throws Exception {
            List<String> ids = new ArrayList<>(List.of(NODE_1, NODE_2));
            for (int i = 0; i < 18; i++) {
                ids.add("i-" + String.format("%017x", 100 + i));
            }
            ExecutorService pool = Executors.newFixedThreadPool(ids.size());
            try (Ec2PrivateDnsNameResolver resolver = resolver().maxBatchSize(ids.size())
                    .batchWindow(Duration.ofMinutes(1)).build()) {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Optional<String>>> answers = new ArrayList<>();
                for (String id : ids) {
                    answers.add(pool.submit(() -> {
                        go.await();
                        try {
                            return Optional.of(resolver.privateDnsName(id));
                        } catch (IllegalStateException unknown) {
                            assertThat(unknown).hasMessageContaining("does not know");
                            return Optional.empty();
                        }
                    }));
                }
                go.countDown();

                assertThat(answers.get(0).get()).contains("ip-10-0-0-1.us-west-2.compute.internal");
                assertThat(answers.get(1).get()).contains("ip-10-0-0-2.us-west-2.compute.internal");
                for (Future<Optional<String>> unknown : answers.subList(2, answers.size())) {
                    assertThat(unknown.get()).isEmpty();
                }
                assertThat(calls).singleElement().satisfies(call -> assertThat(call).hasSameElementsAs(ids));
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        void callsAreSpacedByTheTicker() throws Exception {
            AtomicLong nanos = new AtomicLong();
            Semaphore reads = new Semaphore(0);
            LongSupplier frozen = () -> {
                reads.release();
                return nanos.get();
            };
            try (Ec2PrivateDnsNameResolver resolver = resolver().maxCallsPerSecond(1000).ticker(frozen).build()) {
                assertThat(resolver.privateDnsName(NODE_1)).startsWith("ip-10-0-0-1");
                reads.drainPermits();

                CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> resolver.privateDnsName(NODE_2));
                assertThat(reads.tryAcquire(3, SAFETY_NET.toSeconds(), TimeUnit.SECONDS))
                        .as("the batcher looked at the ticker again and again").isTrue();
                assertThat(calls).hasSize(1);
                assertThat(second).isNotDone();

                nanos.set(TimeUnit.MILLISECONDS.toNanos(1));

                assertThat(second.get(SAFETY_NET.toSeconds(), TimeUnit.SECONDS)).startsWith("ip-10-0-0-2");
                assertThat(calls).hasSize(2);
            }
        }
    }

    @Nested
    class Caching {
        @Test
        void answersAreCached() {
            try (Ec2PrivateDnsNameResolver resolver = resolver().build()) {
                assertThat(resolver.privateDnsName(NODE_1)).isEqualTo("ip-10-0-0-1.us-west-2.compute.internal");
                assertThat(resolver.privateDnsName(NODE_1)).isEqualTo("ip-10-0-0-1.us-west-2.compute.internal");

                assertThat(calls).hasSize(1);
            }
        }

        @Test
        void aCacheSizeOfZeroTurnsTheCacheOff() {
            try (Ec2PrivateDnsNameResolver resolver = resolver().cacheSize(0).build()) {
                resolver.privateDnsName(NODE_1);
                resolver.privateDnsName(NODE_1);

                assertThat(calls).hasSize(2);
            }
        }
    }

    @Nested
    class Failures {
        @Test
        void anInstanceEc2DoesNotKnowOrWithoutANameIsAPlainFailure() {
            try (Ec2PrivateDnsNameResolver resolver = resolver().build()) {
                assertThatThrownBy(() -> resolver.privateDnsName("i-0000000000000dead"))
                        .isExactlyInstanceOf(IllegalStateException.class).hasMessageContaining("does not know");
                assertThatThrownBy(() -> resolver.privateDnsName(NAMELESS))
                        .isExactlyInstanceOf(IllegalStateException.class).hasMessageContaining("no private DNS name");
            }
        }

        @Test
        void aFailingCallIsUnavailable() {
            failWith = 500;
            try (Ec2PrivateDnsNameResolver resolver = resolver().build()) {
                assertThatThrownBy(() -> resolver.privateDnsName(NODE_2))
                        .isInstanceOf(PrivateDnsNameUnavailableException.class)
                        .hasMessageContaining("DescribeInstances failed").hasMessageContaining("InternalError");
            }
        }

        @Test
        void anUnreachableEc2IsUnavailable() throws Exception {
            URI closedPort;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closedPort = URI.create("http://127.0.0.1:" + socket.getLocalPort());
            }
            try (Ec2Client unreachable = client(closedPort);
                    Ec2PrivateDnsNameResolver resolver = resolver().ec2Client(unreachable).build()) {
                assertThatThrownBy(() -> resolver.privateDnsName(NODE_1))
                        .isInstanceOf(PrivateDnsNameUnavailableException.class)
                        .hasMessageContaining("DescribeInstances failed");
            }
        }

        @Test
        void aCallEc2DoesNotAnswerInTimeIsUnavailable() {
            hold = true;
            try (Ec2PrivateDnsNameResolver resolver = resolver().timeout(Duration.ofMillis(50)).build()) {
                assertThatThrownBy(() -> resolver.privateDnsName(NODE_1))
                        .isInstanceOf(PrivateDnsNameUnavailableException.class).hasMessageContaining("did not answer");
            } finally {
                release.countDown();
            }
        }

        @Test
        void aClosedResolverIsUnavailableToWaitingAndLaterLookups() throws Exception {
            Ec2PrivateDnsNameResolver resolver = resolver().batchWindow(Duration.ofMinutes(1)).build();
            CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> resolver.privateDnsName(NODE_1));

            resolver.close();

            assertThatThrownBy(() -> waiting.get(SAFETY_NET.toSeconds(), TimeUnit.SECONDS))
                    .hasCauseInstanceOf(PrivateDnsNameUnavailableException.class);
            assertThatThrownBy(() -> resolver.privateDnsName(NODE_2))
                    .isInstanceOf(PrivateDnsNameUnavailableException.class).hasMessageContaining("closed");
            assertThat(calls).isEmpty();
        }

        @Test
        void anEc2OutageMakesTheChainAnswerUnavailableNotDenied() {
            failWith = 503;
            try (Ec2PrivateDnsNameResolver resolver = resolver().build()) {
                MapperChain chain = MapperChain.builder()
                        .add(id -> Optional.of(new Mapping(UsernameTemplate.compile("system:node:{{EC2PrivateDNSName}}"),
                                List.of(UsernameTemplate.compile("system:nodes")), "mapRoles[0]")))
                        .privateDnsNameResolver(resolver).build();

                AuthenticationResult result = chain.map(Fixtures.assumedRole("111122223333", "Node", NODE_1));

                assertThat(result).isInstanceOfSatisfying(AuthenticationResult.Unavailable.class,
                        u -> assertThat(u.reason()).isEqualTo(UnavailableReason.PRIVATE_DNS_NAME_UNAVAILABLE));
                assertThat(result.httpAnswer().status()).isEqualTo(503);
            }
        }
    }

    @Test
    void templatesRenderThroughIt() {
        try (Ec2PrivateDnsNameResolver resolver = resolver().build()) {
            var node = Fixtures.assumedRole("111122223333", "Node", NODE_2);

            assertThat(UsernameTemplate.compile("system:node:{{EC2PrivateDNSName}}").render(node, resolver))
                    .isEqualTo("system:node:ip-10-0-0-2.us-west-2.compute.internal");
        }
    }

    @Test
    void theBuilderChecksItsSettings() {
        assertThatThrownBy(() -> Ec2PrivateDnsNameResolver.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Ec2PrivateDnsNameResolver.builder().maxBatchSize(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ec2PrivateDnsNameResolver.builder().maxCallsPerSecond(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ec2PrivateDnsNameResolver.builder().cacheSize(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cacheSize");
        assertThatThrownBy(() -> Ec2PrivateDnsNameResolver.builder().batchWindow(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchWindow");
        assertThatThrownBy(() -> Ec2PrivateDnsNameResolver.builder().timeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
        assertThatThrownBy(() -> Ec2PrivateDnsNameResolver.builder().ec2Client(client).batchWindow(Duration.ofSeconds(5))
                .timeout(Duration.ofSeconds(5)).build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("batchWindow");
    }

    @Nested
    class Metrics {
        @Test
        void theCountersFollowLookupsCallsAndFailures() {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            try (Ec2PrivateDnsNameResolver resolver = resolver().build()) {
                Ec2PrivateDnsNameResolverMetrics.of(resolver).bindTo(registry);
                resolver.privateDnsName(NODE_1);
                resolver.privateDnsName(NODE_1);
                failWith = 500;
                assertThatThrownBy(() -> resolver.privateDnsName(NODE_2))
                        .isInstanceOf(PrivateDnsNameUnavailableException.class);

                assertThat(registry.get("eksauth.ec2.lookups").functionCounter().count()).isEqualTo(3);
                assertThat(registry.get("eksauth.ec2.cache.hits").functionCounter().count()).isEqualTo(1);
                assertThat(registry.get("eksauth.ec2.describe.instances").functionCounter().count()).isEqualTo(2);
                assertThat(registry.get("eksauth.ec2.describe.instances.failures").functionCounter().count()).isEqualTo(1);
            }
        }
    }
}
