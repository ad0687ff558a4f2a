package dev.eksauth.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.eksauth.testkit.FakeStsExtension;
import dev.eksauth.testkit.MutableClock;
import dev.eksauth.testkit.StsIdentity;

/** {@code GET /metrics} scraped and parsed as Prometheus text after reviews of each kind. */
class ServeMetricsTest {
    /** A sample line: name, optional labels, value. */
    static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? (\\S+)");
    static final Pattern TYPE = Pattern.compile("# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)");

    @TempDir
    Path dir;

    final MutableClock clock = Fixtures.clockAtNow();
    final StsIdentity admin = StsIdentity.assumedRole("111122223333", "Admin", "alice");
    final StsIdentity node = StsIdentity.assumedRole("111122223333", "NodeRole", ServeNodesTest.INSTANCE);
    final StsIdentity mallory = StsIdentity.user("111122223333", "mallory");
    final StsIdentity server = StsIdentity.user("111122223333", "authenticator");

    @RegisterExtension
    final FakeStsExtension sts = FakeStsExtension.create(fake -> fake.clock(clock).identity(admin).identity(node)
            .identity(mallory).identity(server));

    final FakeEc2 ec2 = ServeNodesTest.fakeEc2();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Shell.Background running;

    @AfterEach
    void stop() throws Exception {
        if (running != null) {
            running.stop();
        }
        ec2.close();
    }

    /** Every sample of the exposition by name and labels; fails on a line that is not Prometheus text. */
    static Map<String, Double> parse(String exposition) {
        Map<String, Double> samples = new HashMap<>();
        Set<String> typed = new HashSet<>();
        for (String line : exposition.lines().toList()) {
            if (line.isBlank() || line.startsWith("# HELP ")) {
                continue;
            }
            Matcher type = TYPE.matcher(line);
            if (type.matches()) {
                typed.add(type.group(1));
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            assertThat(sample.matches()).as("a sample line: " + line).isTrue();
            assertThat(typed).as("a TYPE line of its family before " + line).anyMatch(t -> sample.group(1).startsWith(t));
            samples.put(sample.group(1) + (sample.group(2) == null ? "" : sample.group(2)),
                    Double.parseDouble(sample.group(3)));
        }
        return samples;
    }

    @Test
    void everyMeterOfTheWebhookAndTheLibraryIsScrapedAsPrometheusText() throws Exception {
        Path file = dir.resolve("aws-auth.yaml");
        Files.writeString(file, ServeNodesTest.AWS_AUTH);
        running = new Shell().clock(clock).env("HOME", dir.toString()).env("AWS_ACCESS_KEY_ID", server.accessKeyId())
                .env("AWS_SECRET_ACCESS_KEY", server.secretAccessKey()).env("AWS_REGION", "us-west-2")
                .env("AWS_ENDPOINT_URL_EC2", ec2.endpoint().toString())
                .start("serve", "-i", "prod", "--aws-auth", file.toString(), "--port", "0", "--sts-url",
                        sts.get().endpoint().toString(), "--ec2-batch-window", "0s");
        URI url = URI.create(running.nextLine());
        for (StsIdentity who : new StsIdentity[] {admin, node, mallory}) {
            http.send(HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofString(
                    ServeCommandTest.review("authentication.k8s.io/v1", ServeCommandTest.sign(who, clock)))).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(url.resolve("/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        Map<String, Double> samples = parse(scrape.body());
        assertThat(samples).containsEntry("eksauth_webhook_requests_total{outcome=\"authenticated\"}", 2.0)
                .containsEntry("eksauth_webhook_requests_total{outcome=\"denied\"}", 1.0)
                .containsEntry("eksauth_webhook_request_duration_seconds_count", 3.0)
                .containsEntry("eksauth_webhook_request_duration_seconds_bucket{le=\"+Inf\"}", 3.0)
                .containsEntry("eksauth_authentications_total{outcome=\"authenticated\"}", 2.0)
                .containsEntry("eksauth_authentications_total{outcome=\"denied\"}", 1.0)
                .containsEntry("eksauth_token_verifications_total", 3.0)
                .containsEntry("eksauth_sts_requests_total", (double) sts.get().requestCount())
                .containsEntry("eksauth_aws_auth_ready", 1.0)
                .containsEntry("eksauth_aws_auth_load_error", 0.0)
                .containsEntry("eksauth_ec2_lookups_total", 1.0)
                .containsEntry("eksauth_ec2_describe_instances_total", 1.0)
                .containsEntry("eksauth_webhook_requests_in_flight", 0.0);
    }
}
