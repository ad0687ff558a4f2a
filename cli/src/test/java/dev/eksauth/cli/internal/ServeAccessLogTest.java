package dev.eksauth.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.eksauth.testkit.FakeStsExtension;
import dev.eksauth.testkit.MutableClock;
import dev.eksauth.testkit.StsIdentity;

/** {@code serve}'s access log: one line per review, and never a token. */
class ServeAccessLogTest {
    @TempDir
    Path dir;

    final MutableClock clock = Fixtures.clockAtNow();
    final StsIdentity admin = StsIdentity.assumedRole("111122223333", "Admin", "alice");
    final StsIdentity mallory = StsIdentity.user("444455556666", "mallory");

    @RegisterExtension
    final FakeStsExtension sts = FakeStsExtension.create(fake -> fake.clock(clock).identity(admin).identity(mallory));

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Shell.Background running;

    @AfterEach
    void stop() throws Exception {
        if (running != null) {
            running.stop();
        }
    }

    URI serve(String... extra) throws Exception {
        running = ServeCommandTest.startServe(new Shell().clock(clock), dir, sts.get(), extra);
        return URI.create(running.nextLine());
    }

    int review(URI url, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofString(
                ServeCommandTest.review("authentication.k8s.io/v1", token))).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    /** The access log's lines: those of standard error that are JSON objects. */
    List<JsonNode> lines() {
        return running.err().lines().filter(l -> l.startsWith("{")).map(Fixtures::json).toList();
    }

    @Test
    void eachReviewIsOneJsonLineWithOutcomeUserArnAccountAndLatencyButNeverTheToken() throws Exception {
        URI url = serve();
        String good = ServeCommandTest.sign(admin, clock);
        String unmapped = ServeCommandTest.sign(mallory, clock);
        String forged = good.substring(0, good.length() - 8) + "AAAAAAAA";

        assertThat(review(url, good)).isEqualTo(200);
        assertThat(review(url, unmapped)).isEqualTo(403);
        assertThat(review(url, forged)).isEqualTo(401);

        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).path("outcome").asText()).isEqualTo("authenticated");
        assertThat(lines.get(0).path("username").asText()).isEqualTo("admin:alice");
        assertThat(lines.get(0).path("arn").asText()).isEqualTo(admin.arn());
        assertThat(lines.get(0).path("account").asText()).isEqualTo("111122223333");
        assertThat(lines.get(0).path("latencyMs").isNumber()).isTrue();
        assertThat(lines.get(1).path("outcome").asText()).isEqualTo("denied");
        assertThat(lines.get(1).path("status").asInt()).isEqualTo(403);
        assertThat(lines.get(1).path("reason").asText()).isEqualTo("NOT_MAPPED");
        assertThat(lines.get(2).path("status").asInt()).isEqualTo(401);
        String log = running.err();
        for (String token : List.of(good, unmapped, forged)) {
            String payload = token.substring("k8s-aws-v1.".length());
            String url2 = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
            String signature = url2.replaceAll(".*X-Amz-Signature=([0-9a-fA-F]+).*", "$1");
            assertThat(log).doesNotContain(payload.substring(0, 40)).doesNotContain(url2.substring(0, 60))
                    .doesNotContain(signature);
        }
    }

    @Test
    void aScrubbedAccountIsMaskedInTheAccountAndTheArn() throws Exception {
        URI url = serve("--scrubbed-account", "444455556666");

        assertThat(review(url, ServeCommandTest.sign(mallory, clock))).isEqualTo(403);

        JsonNode line = lines().get(0);
        assertThat(line.path("account").asText()).isEqualTo(AccessLog.MASK);
        assertThat(line.path("arn").asText()).isEqualTo("arn:aws:iam::" + AccessLog.MASK + ":user/mallory");
        assertThat(running.err()).doesNotContain("444455556666");
    }
}
