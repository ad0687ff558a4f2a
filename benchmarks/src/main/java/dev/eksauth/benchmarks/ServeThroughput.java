package dev.eksauth.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import dev.eksauth.testkit.FakeSts;
import dev.eksauth.testkit.StsIdentity;
import dev.eksauth.token.EksTokenGenerator;
import software.amazon.awssdk.regions.Region;

/**
 * Reviews per second and p99 latency of {@code eksauth serve} for one cached identity, against a bare
 * JDK HTTP server answering a fixed TokenReview ({@link BareTokenReviewServer}), both as their own
 * processes on loopback, driven by the same client: {@code C} connections sending reviews back to
 * back for {@code S} seconds after a warm-up, over {@code R} rounds in alternating order. STS is the
 * testkit's loopback fake; after the first review the token is answered from the verifier's cache.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.eksauth.benchmarks.ServeThroughput [C] [S] [R] [EKSAUTH]
 * </pre>
 */
public final class ServeThroughput {
    private ServeThroughput() {
    }

    record Round(double perSecond, double p99Millis, long errors) {
    }

    /** Runs the comparison and prints each round, the medians and the ratios. */
    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String eksauth = args.length > 3 ? args[3] : "bin/eksauth";
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");
        try (FakeSts sts = FakeSts.create()) {
            StsIdentity admin = sts.register(StsIdentity.assumedRole("111122223333", "Admin", "alice"));
            String token = EksTokenGenerator.builder().clusterId("bench").region(Region.US_WEST_2)
                    .credentialsProvider(admin.credentialsProvider()).build().generate().value();
            String body = "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenReview\",\"spec\":{\"token\":\""
                    + token + "\"}}";
            Path awsAuth = Files.createTempFile("aws-auth", ".yaml");
            Files.writeString(awsAuth, "apiVersion: v1\nkind: ConfigMap\ndata:\n  mapRoles: |\n"
                    + "    - rolearn: arn:aws:iam::111122223333:role/Admin\n      username: admin:{{SessionName}}\n"
                    + "      groups: [system:masters]\n");
            Process serve = start(eksauth, "serve", "-i", "bench", "--aws-auth", awsAuth.toString(), "--port", "0",
                    "--sts-url", sts.endpoint().toString());
            // TCP_NODELAY, as serve's server sets it: without it the JDK server's answers wait for delayed ACKs.
            Process bare = start(java, "-Dsun.net.httpserver.nodelay=true", "-cp", classPath,
                    BareTokenReviewServer.class.getName());
            try {
                URI serveUrl = URI.create(firstLine(serve));
                URI bareUrl = URI.create(firstLine(bare));
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                load(http, serveUrl, body, connections, 5);
                load(http, bareUrl, body, connections, 5);
                List<Round> serveRounds = new ArrayList<>();
                List<Round> bareRounds = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    if (r % 2 == 0) {
                        serveRounds.add(load(http, serveUrl, body, connections, seconds));
                        bareRounds.add(load(http, bareUrl, body, connections, seconds));
                    } else {
                        bareRounds.add(load(http, bareUrl, body, connections, seconds));
                        serveRounds.add(load(http, serveUrl, body, connections, seconds));
                    }
                    System.out.printf(Locale.ROOT, "round %d: serve %.0f/s p99 %.2f ms (%d errors); bare %.0f/s p99 %.2f ms "
                            + "(%d errors)%n", r + 1, serveRounds.get(r).perSecond(), serveRounds.get(r).p99Millis(),
                            serveRounds.get(r).errors(), bareRounds.get(r).perSecond(), bareRounds.get(r).p99Millis(),
                            bareRounds.get(r).errors());
                }
                double serveRate = median(serveRounds.stream().mapToDouble(Round::perSecond).toArray());
                double bareRate = median(bareRounds.stream().mapToDouble(Round::perSecond).toArray());
                double serveP99 = median(serveRounds.stream().mapToDouble(Round::p99Millis).toArray());
                double bareP99 = median(bareRounds.stream().mapToDouble(Round::p99Millis).toArray());
                System.out.printf(Locale.ROOT, "medians: serve %.0f/s p99 %.2f ms; bare %.0f/s p99 %.2f ms%n", serveRate,
                        serveP99, bareRate, bareP99);
                System.out.printf(Locale.ROOT, "ratios: throughput %.2f (target >= 0.8), p99 %.2f (target <= 2)%n",
                        serveRate / bareRate, serveP99 / bareP99);
            } finally {
                serve.destroy();
                bare.destroy();
                Files.deleteIfExists(awsAuth);
            }
        }
    }

    private static Process start(String... command) throws IOException {
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static String firstLine(Process process) throws IOException {
        String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (line == null) {
            throw new IOException("the server ended before printing its URL");
        }
        return line;
    }

    /** {@code connections} threads sending reviews back to back for {@code seconds}. */
    static Round load(HttpClient http, URI url, String body, int connections, int seconds) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<long[]> latencies = new ArrayList<>();
        int[] counts = new int[connections];
        AtomicLong errors = new AtomicLong();
        CountDownLatch done = new CountDownLatch(connections);
        long start = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            long[] mine = new long[4_000_000 / connections];
            latencies.add(mine);
            int index = c;
            Thread t = new Thread(() -> {
                int n = 0;
                while (System.nanoTime() < end && n < mine.length) {
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
                        mine[n++] = System.nanoTime() - t0;
                        if (r.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (IOException e) {
                        // A pooled connection the server closed while idle: counted, and the next request opens another.
                        errors.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
                counts[index] = n;
                done.countDown();
            });
            t.start();
        }
        done.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < connections; c++) {
            System.arraycopy(latencies.get(c), 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        double p99 = total == 0 ? Double.NaN : all[(int) Math.min(total - 1, Math.ceil(total * 0.99) - 1)] / 1e6;
        return new Round(total / elapsed, p99, errors.get());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
