package dev.eksauth.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import com.fasterxml.jackson.databind.JsonNode;

import dev.eksauth.testkit.FakeSts;
import dev.eksauth.testkit.FakeStsExtension;
import dev.eksauth.testkit.LoopbackCertificate;
import dev.eksauth.testkit.MutableClock;
import dev.eksauth.testkit.StsIdentity;
import dev.eksauth.token.EksTokenGenerator;
import software.amazon.awssdk.regions.Region;

/** {@code eksauth serve} end to end: the command, the loopback STS, an aws-auth file and HTTP clients. */
class ServeCommandTest {
    static final String AWS_AUTH = """
            apiVersion: v1
            kind: ConfigMap
            data:
              mapRoles: |
                - rolearn: arn:aws:iam::111122223333:role/Admin
                  username: admin:{{SessionName}}
                  groups: [system:masters]
            """;

    @TempDir
    Path dir;

    final MutableClock clock = Fixtures.clockAtNow();
    final StsIdentity admin = StsIdentity.assumedRole("111122223333", "Admin", "alice");
    final StsIdentity mallory = StsIdentity.user("111122223333", "mallory");

    @RegisterExtension
    final FakeStsExtension sts = FakeStsExtension.create(fake -> fake.clock(clock).identity(admin).identity(mallory));

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final List<Shell.Background> running = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Shell.Background b : running) {
            b.stop();
        }
    }

    Path awsAuth(String text) throws Exception {
        Path file = dir.resolve("aws-auth.yaml");
        Files.writeString(file, text);
        return file;
    }

    /** Starts the webhook and returns its /authenticate URL. */
    URI serve(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--reload-interval", "0s"));
        args.addAll(List.of(extra));
        Shell.Background b = startServe(new Shell().clock(clock), dir, sts.get(), args.toArray(String[]::new));
        running.add(b);
        return URI.create(b.nextLine());
    }

    /** Starts {@code serve} for cluster {@code prod} with {@link #AWS_AUTH} in {@code dir}, the fake STS and {@code extra}. */
    static Shell.Background startServe(Shell shell, Path dir, FakeSts sts, String... extra) throws Exception {
        Path file = dir.resolve("aws-auth.yaml");
        Files.writeString(file, AWS_AUTH);
        List<String> args = new ArrayList<>(List.of("serve", "-i", "prod", "--aws-auth", file.toString(), "--port", "0",
                "--sts-url", sts.endpoint().toString()));
        args.addAll(List.of(extra));
        return shell.start(args.toArray(String[]::new));
    }

    String sign(StsIdentity who) {
        return sign(who, clock);
    }

    static String sign(StsIdentity who, java.time.Clock clock) {
        try (EksTokenGenerator g = EksTokenGenerator.builder().clusterId("prod").region(Region.US_WEST_2)
                .credentialsProvider(who.credentialsProvider()).clock(clock).build()) {
            return g.generate().value();
        }
    }

    static String review(String apiVersion, String token) {
        return "{\"apiVersion\":\"" + apiVersion + "\",\"kind\":\"TokenReview\",\"spec\":{\"token\":\"" + token + "\"}}";
    }

    HttpResponse<String> post(URI url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(URI url) throws Exception {
        return http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static URI sibling(URI authenticate, String path) {
        return authenticate.resolve(path);
    }

    /** The value of a metric line, e.g. {@code eksauth_webhook_requests_total{outcome="denied"}}. */
    long metric(URI url, String series) throws Exception {
        for (String line : get(sibling(url, "/metrics")).body().lines().toList()) {
            if (line.startsWith(series + " ")) {
                return (long) Double.parseDouble(line.substring(series.length() + 1));
            }
        }
        throw new AssertionError("no metric " + series);
    }

    @Nested
    class Answers {
        @Test
        void aMappedIdentityIsAuthenticatedInTheRequestsApiVersion() throws Exception {
            URI url = serve();
            String token = sign(admin);

            for (String version : List.of("authentication.k8s.io/v1", "authentication.k8s.io/v1beta1")) {
                HttpResponse<String> r = post(url, review(version, token));

                assertThat(r.statusCode()).isEqualTo(200);
                JsonNode body = Fixtures.json(r.body());
                assertThat(body.path("apiVersion").asText()).isEqualTo(version);
                assertThat(body.path("status").path("authenticated").asBoolean()).isTrue();
                assertThat(body.path("status").path("user").path("username").asText()).isEqualTo("admin:alice");
                assertThat(body.path("status").path("user").path("groups").get(0).asText()).isEqualTo("system:masters");
            }
        }

        @Test
        void anUnmappedIdentityIsDeniedWith403() throws Exception {
            URI url = serve();

            HttpResponse<String> r = post(url, review("authentication.k8s.io/v1", sign(mallory)));

            assertThat(r.statusCode()).isEqualTo(403);
            JsonNode status = Fixtures.json(r.body()).path("status");
            assertThat(status.path("authenticated").asBoolean()).isFalse();
            assertThat(status.path("error").asText()).isEqualTo("no mapping for " + mallory.arn());
        }

        @Test
        void aMalformedTokenIsUnauthorizedWithoutAskingSts() throws Exception {
            URI url = serve();

            HttpResponse<String> r = post(url, review("authentication.k8s.io/v1", "k8s-aws-v1.bm90IGEgdG9rZW4"));

            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(Fixtures.json(r.body()).path("status").path("authenticated").asBoolean()).isFalse();
            assertThat(sts.get().requestCount()).isZero();
        }

        @Test
        void stsThrottlingIs429AndStsFailureIs503() throws Exception {
            URI url = serve("--sts-timeout", "300ms");

            sts.get().throttleNext(Integer.MAX_VALUE);
            HttpResponse<String> throttled = post(url, review("authentication.k8s.io/v1", sign(admin)));
            assertThat(throttled.statusCode()).isEqualTo(429);
            assertThat(throttled.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(Fixtures.json(throttled.body()).path("status").path("authenticated").asBoolean()).isFalse();

            sts.get().reset();
            sts.get().failNext(Integer.MAX_VALUE, 500);
            clock.advance(Duration.ofSeconds(1));
            HttpResponse<String> failed = post(url, review("authentication.k8s.io/v1", sign(admin)));
            assertThat(failed.statusCode()).isEqualTo(503);
            assertThat(failed.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(metric(url, "eksauth_webhook_requests_total{outcome=\"sts_throttled\"}")).isEqualTo(1);
            assertThat(metric(url, "eksauth_webhook_requests_total{outcome=\"sts_unavailable\"}")).isEqualTo(1);
            assertThat(metric(url, "eksauth_webhook_requests_total{outcome=\"denied\"}")).isZero();
        }

        @Test
        void requestsThatAreNotTokenReviewsAreRefused() throws Exception {
            URI url = serve();

            assertThat(post(url, "not json").statusCode()).isEqualTo(400);
            assertThat(post(url, "{\"apiVersion\":\"authentication.k8s.io/v2\",\"kind\":\"TokenReview\"}").statusCode())
                    .isEqualTo(400);
            assertThat(get(url).statusCode()).isEqualTo(405);
            assertThat(get(sibling(url, "/nowhere")).statusCode()).isEqualTo(404);
            assertThat(get(sibling(url, "/healthz")).body()).isEqualTo("ok\n");
        }

        @Test
        void anOversizedBodyIs413() throws Exception {
            URI url = serve("--max-body", "2048");

            HttpResponse<String> r = post(url, review("authentication.k8s.io/v1", "x".repeat(4096)));

            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(metric(url, "eksauth_webhook_requests_total{outcome=\"too_large\"}")).isEqualTo(1);
        }
    }

    @Nested
    class UnderLoad {
        @Test
        void concurrentRequestsAreAllAnswered() throws Exception {
            URI url = serve("--max-concurrency", "64");
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                tokens.add(sign(admin));
                clock.advance(Duration.ofSeconds(1));
            }
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                answers.add(http.sendAsync(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(review("authentication.k8s.io/v1", tokens.get(i % 4))))
                        .build(), HttpResponse.BodyHandlers.ofString()));
            }

            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                assertThat(answer.get().statusCode()).isEqualTo(200);
            }
            assertThat(metric(url, "eksauth_webhook_requests_total{outcome=\"authenticated\"}")).isEqualTo(40);
            long stsCalls = metric(url, "eksauth_sts_requests_total");
            assertThat(stsCalls).isEqualTo(sts.get().requestCount()).isBetween(4L, 40L);

            long hits = metric(url, "eksauth_token_cache_hits_total");
            for (String token : tokens) {
                assertThat(post(url, review("authentication.k8s.io/v1", token)).statusCode()).isEqualTo(200);
            }
            assertThat(metric(url, "eksauth_sts_requests_total")).as("verified tokens need no STS").isEqualTo(stsCalls);
            assertThat(metric(url, "eksauth_token_cache_hits_total")).isEqualTo(hits + 4);
        }

        @Test
        void aSlowClientHoldsOnlyItsOwnSlotAndOverTheLimitIs503() throws Exception {
            URI url = serve("--max-concurrency", "2");
            String body = review("authentication.k8s.io/v1", sign(admin));
            try (Socket slow = new Socket(url.getHost(), url.getPort())) {
                OutputStream out = slow.getOutputStream();
                out.write(("POST /authenticate HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length() + "\r\n\r\n"
                        + body.substring(0, 10)).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                awaitInFlight(url, n -> n >= 1);

                assertThat(post(url, body).statusCode()).as("the other slot is free").isEqualTo(200);
                // The slot is released just after the answer is written: wait until it is.
                awaitInFlight(url, n -> n == 1);

                try (Socket slower = new Socket(url.getHost(), url.getPort())) {
                    slower.getOutputStream().write(("POST /authenticate HTTP/1.1\r\nHost: x\r\nContent-Length: 99\r\n\r\n{")
                            .getBytes(StandardCharsets.US_ASCII));
                    slower.getOutputStream().flush();
                    awaitInFlight(url, n -> n >= 2);

                    HttpResponse<String> over = post(url, body);
                    assertThat(over.statusCode()).isEqualTo(503);
                    assertThat(metric(url, "eksauth_webhook_requests_total{outcome=\"overloaded\"}")).isEqualTo(1);
                }

                out.write(body.substring(10).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = slow.getInputStream();
                String answer = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
                assertThat(answer).isEqualTo("HTTP/1.1 200");
            }
        }

        /** Polls the in-flight gauge until it is as wanted. */
        void awaitInFlight(URI url, java.util.function.LongPredicate wanted) throws Exception {
            Fixtures.await("the in-flight gauge as wanted", () -> wanted.test(metric(url, "eksauth_webhook_requests_in_flight")));
        }
    }

    @Nested
    class TheAwsAuthFile {
        @Test
        void aChangedFileTakesEffectAndABadOneKeepsTheLastGood() throws Exception {
            URI url = serve();
            Path file = dir.resolve("aws-auth.yaml");
            String token = sign(mallory);
            assertThat(post(url, review("authentication.k8s.io/v1", token)).statusCode()).isEqualTo(403);

            Files.writeString(file, AWS_AUTH + "  mapUsers: |\n    - userarn: " + mallory.arn() + "\n      username: mallory\n");
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60)));
            HttpResponse<String> mapped = post(url, review("authentication.k8s.io/v1", token));
            assertThat(mapped.statusCode()).isEqualTo(200);
            assertThat(Fixtures.json(mapped.body()).path("status").path("user").path("username").asText()).isEqualTo("mallory");

            Files.writeString(file, "data: [unclosed\n");
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(120)));
            assertThat(post(url, review("authentication.k8s.io/v1", token)).statusCode()).as("last good kept").isEqualTo(200);
            assertThat(metric(url, "eksauth_aws_auth_load_error")).isEqualTo(1);
            assertThat(metric(url, "eksauth_aws_auth_reloads_total")).isEqualTo(1);
            assertThat(running.get(0).err()).contains("loaded the changed aws-auth file")
                    .contains("keeping the last good aws-auth");
        }

        @Test
        void aSameSizeEditThatKeepsTheModificationTimeIsNoticed() throws Exception {
            URI url = serve();
            Path file = dir.resolve("aws-auth.yaml");
            FileTime modified = Files.getLastModifiedTime(file);
            assertThat(post(url, review("authentication.k8s.io/v1", sign(admin))).statusCode()).isEqualTo(200);

            Files.writeString(file, AWS_AUTH.replace("role/Admin", "role/Admix"));
            Files.setLastModifiedTime(file, modified);

            assertThat(post(url, review("authentication.k8s.io/v1", sign(admin))).statusCode()).isEqualTo(403);
        }

        @Test
        void aDeletedFileDeniesAtTheNextReviewAndFailsReadiness() throws Exception {
            URI url = serve();
            Path file = dir.resolve("aws-auth.yaml");
            String token = sign(admin);
            assertThat(post(url, review("authentication.k8s.io/v1", token)).statusCode()).isEqualTo(200);
            assertThat(get(sibling(url, "/readyz")).statusCode()).isEqualTo(200);

            Files.delete(file);

            assertThat(post(url, review("authentication.k8s.io/v1", token)).statusCode()).as("revoked").isEqualTo(403);
            HttpResponse<String> readiness = get(sibling(url, "/readyz"));
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(readiness.body()).contains("does not exist");
            assertThat(get(sibling(url, "/healthz")).statusCode()).as("alive all the same").isEqualTo(200);
            assertThat(metric(url, "eksauth_aws_auth_ready")).isZero();
            assertThat(running.get(0).err()).contains("denying everyone");

            awsAuth(AWS_AUTH);
            assertThat(post(url, review("authentication.k8s.io/v1", token)).statusCode()).isEqualTo(200);
            assertThat(get(sibling(url, "/readyz")).statusCode()).isEqualTo(200);
        }

        @Test
        void keepingTheLastGoodOnDeletionIsAskedForAndLastsNoLongerThanTheMaximumStaleness() throws Exception {
            URI url = serve("--keep-last-good-when-deleted", "--max-staleness", "5m");
            Files.delete(dir.resolve("aws-auth.yaml"));

            assertThat(post(url, review("authentication.k8s.io/v1", sign(admin))).statusCode()).isEqualTo(200);
            assertThat(get(sibling(url, "/readyz")).statusCode()).isEqualTo(200);

            clock.advance(Duration.ofMinutes(5));
            assertThat(post(url, review("authentication.k8s.io/v1", sign(admin))).statusCode()).as("too stale").isEqualTo(403);
            assertThat(get(sibling(url, "/readyz")).statusCode()).isEqualTo(503);
        }

        @Test
        void aBadFileDeniesOnceTheLastGoodIsTooOld() throws Exception {
            URI url = serve("--max-staleness", "1m");
            Files.writeString(dir.resolve("aws-auth.yaml"), "data: [unclosed\n");

            assertThat(post(url, review("authentication.k8s.io/v1", sign(admin))).statusCode()).isEqualTo(200);

            clock.advance(Duration.ofMinutes(1));
            assertThat(post(url, review("authentication.k8s.io/v1", sign(admin))).statusCode()).isEqualTo(403);
            assertThat(get(sibling(url, "/readyz")).statusCode()).isEqualTo(503);
            assertThat(metric(url, "eksauth_aws_auth_load_error")).isEqualTo(1);
        }
    }

    @Test
    void metricsCountOutcomesLatencyStsCallsAndCacheHits() throws Exception {
        URI url = serve();
        String token = sign(admin);
        post(url, review("authentication.k8s.io/v1", token));
        post(url, review("authentication.k8s.io/v1", token));
        post(url, review("authentication.k8s.io/v1", sign(mallory)));
        post(url, "{}");

        HttpResponse<String> r = get(sibling(url, "/metrics"));
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(r.body()).contains("# TYPE eksauth_webhook_request_duration_seconds histogram")
                .contains("eksauth_webhook_request_duration_seconds_bucket{le=\"+Inf\"} 4\n")
                .contains("eksauth_webhook_request_duration_seconds_count 4\n");
        assertThat(metric(url, "eksauth_webhook_requests_total{outcome=\"authenticated\"}")).isEqualTo(2);
        assertThat(metric(url, "eksauth_webhook_requests_total{outcome=\"denied\"}")).isEqualTo(1);
        assertThat(metric(url, "eksauth_webhook_requests_total{outcome=\"bad_request\"}")).isEqualTo(1);
        assertThat(metric(url, "eksauth_sts_requests_total")).isEqualTo(2);
        assertThat(metric(url, "eksauth_token_cache_hits_total")).isEqualTo(1);
    }

    @Test
    void aChangedCertificateIsPresentedToNewConnections() throws Exception {
        LoopbackCertificate first = LoopbackCertificate.generate();
        LoopbackCertificate second = LoopbackCertificate.generate();
        Path cert = Files.writeString(dir.resolve("tls.crt"), first.certificatePem());
        Path key = Files.writeString(dir.resolve("tls.key"), first.privateKeyPem());
        URI url = serve("--tls-cert", cert.toString(), "--tls-key", key.toString(), "--tls-reload-interval", "100ms");
        HttpClient trustingFirst = HttpClient.newBuilder().sslContext(first.clientContext()).build();
        assertThat(trustingFirst.send(HttpRequest.newBuilder(sibling(url, "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

        Files.writeString(key, second.privateKeyPem());
        Files.writeString(cert, second.certificatePem());

        Fixtures.await("the new certificate is presented to new connections", () -> {
            // A new client each time: a new connection and TLS handshake.
            HttpClient trustingSecond = HttpClient.newBuilder().sslContext(second.clientContext()).build();
            HttpResponse<String> r;
            try {
                r = trustingSecond.send(HttpRequest.newBuilder(sibling(url, "/healthz")).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException stillTheFirst) {
                return false;
            }
            assertThat(r.statusCode()).isEqualTo(200);
            return true;
        });
    }

    @Test
    void servesTlsFromPemFilesAndWritesTheWebhookKubeconfig() throws Exception {
        LoopbackCertificate tls = LoopbackCertificate.generate();
        Path cert = Files.writeString(dir.resolve("tls.crt"), tls.certificatePem());
        Path key = Files.writeString(dir.resolve("tls.key"), tls.privateKeyPem());
        Path kubeconfig = dir.resolve("webhook.kubeconfig");

        URI url = serve("--tls-cert", cert.toString(), "--tls-key", key.toString(), "--write-kubeconfig", kubeconfig.toString());

        assertThat(url.getScheme()).isEqualTo("https");
        HttpClient trusting = HttpClient.newBuilder().sslContext(tls.clientContext()).build();
        HttpResponse<String> r = trusting.send(HttpRequest.newBuilder(url)
                .POST(HttpRequest.BodyPublishers.ofString(review("authentication.k8s.io/v1", sign(admin)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);

        Map<String, Object> config = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(kubeconfig));
        @SuppressWarnings("unchecked")
        Map<String, Object> cluster = (Map<String, Object>) ((Map<String, Object>) ((List<Object>) config.get("clusters"))
                .get(0)).get("cluster");
        assertThat(cluster.get("server")).isEqualTo(url.toString());
        String ca = new String(Base64.getDecoder().decode((String) cluster.get("certificate-authority-data")),
                StandardCharsets.US_ASCII);
        assertThat(ca.replaceAll("\\s", "")).isEqualTo(tls.certificatePem().replaceAll("\\s", ""));
        assertThat(config.get("current-context")).isEqualTo("webhook");
    }

    @Test
    void stopsCleanlyWhenAsked() throws Exception {
        URI url = serve();
        Shell.Background b = running.remove(0);

        assertThat(b.stop()).isZero();
        assertThat(b.err()).contains("listening on " + url).endsWith("eksauth serve: stopped\n");
    }

    @Nested
    class BadSetUps {
        Shell.Result serveBriefly(String... args) {
            return new Shell().run(args);
        }

        @Test
        void aMissingAwsAuthFileExitsFour() {
            Shell.Result r = serveBriefly("serve", "-i", "prod", "--aws-auth", dir.resolve("nope.yaml").toString(), "--port", "0");

            assertThat(r.code()).isEqualTo(ExitCode.INPUT);
            assertThat(r.err()).contains("nope.yaml");
        }

        @Test
        void tlsNeedsBothFilesAndUsableOnes() throws Exception {
            Path file = awsAuth(AWS_AUTH);
            Path junk = Files.writeString(dir.resolve("junk.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
            LoopbackCertificate tls = LoopbackCertificate.generate();
            Path cert = Files.writeString(dir.resolve("tls.crt"), tls.certificatePem());

            assertThat(serveBriefly("serve", "-i", "prod", "--aws-auth", file.toString(), "--tls-cert", cert.toString())
                    .code()).isEqualTo(ExitCode.USAGE);
            Shell.Result badKey = serveBriefly("serve", "-i", "prod", "--aws-auth", file.toString(), "--port", "0",
                    "--tls-cert", cert.toString(), "--tls-key", junk.toString());
            assertThat(badKey.code()).isEqualTo(ExitCode.INPUT);
            assertThat(badKey.err()).contains("junk.pem").doesNotContain("AAAA");
            assertThat(serveBriefly("serve", "-i", "prod", "--aws-auth", file.toString(), "--port", "0",
                    "--tls-cert", junk.toString(), "--tls-key", junk.toString()).code()).isEqualTo(ExitCode.INPUT);
        }

        @Test
        void aPortInUseExitsFour() throws Exception {
            Shell.Result r = serveBriefly("serve", "-i", "prod", "--aws-auth", awsAuth(AWS_AUTH).toString(),
                    "--port", String.valueOf(sts.get().endpoint().getPort()));

            assertThat(r.code()).isEqualTo(ExitCode.INPUT);
            assertThat(r.err()).contains("cannot listen on 127.0.0.1:" + sts.get().endpoint().getPort());
        }

        @Test
        void badNumbersAreUsageErrors() throws Exception {
            String file = awsAuth(AWS_AUTH).toString();
            assertThat(serveBriefly("serve", "-i", "prod", "--aws-auth", file, "--port", "70000").code()).isEqualTo(ExitCode.USAGE);
            assertThat(serveBriefly("serve", "-i", "prod", "--aws-auth", file, "--max-concurrency", "0").code())
                    .isEqualTo(ExitCode.USAGE);
            assertThat(serveBriefly("serve", "-i", "prod", "--aws-auth", file, "--port", "http").code()).isEqualTo(ExitCode.USAGE);
            assertThat(serveBriefly("serve", "-i", "prod", "--aws-auth", file, "--max-concurrency", "2147483647").code())
                    .isEqualTo(ExitCode.USAGE);
            assertThat(serveBriefly("serve", "-i", "prod", "--aws-auth", file, "--max-body", "65537").code())
                    .isEqualTo(ExitCode.USAGE);
            assertThat(serveBriefly("serve", "-i", "prod", "--aws-auth", file, "--sts-timeout", "3000000h").code())
                    .isEqualTo(ExitCode.USAGE);
        }
    }
}
