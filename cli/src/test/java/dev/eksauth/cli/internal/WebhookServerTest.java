package dev.eksauth.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.eksauth.mapping.EksAuthenticator;
import dev.eksauth.mapping.MapperChain;
import dev.eksauth.mapping.MappingUnavailableException;
import dev.eksauth.testkit.FakeSts;
import dev.eksauth.testkit.MutableClock;
import dev.eksauth.testkit.StsIdentity;
import dev.eksauth.token.EksTokenVerifier;

/** The webhook with a mapping source that is down: what {@code eksauth serve}'s own aws-auth file never is. */
class WebhookServerTest {
    final MutableClock clock = Fixtures.clockAtNow();
    final FakeSts sts = FakeSts.builder().clock(clock).build();
    final StsIdentity admin = sts.register(StsIdentity.assumedRole("111122223333", "Admin", "alice"));
    final EksTokenVerifier verifier = EksTokenVerifier.builder().clusterId("prod").clock(clock)
            .stsEndpointOverride(sts.endpoint()).build();
    final ByteArrayOutputStream log = new ByteArrayOutputStream();
    final WebhookServer server = start(EksAuthenticator.create(verifier, MapperChain.of(identity -> {
        throw new MappingUnavailableException("the mapping database is down", null);
    })));
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() {
        server.close();
        sts.close();
    }

    WebhookServer start(EksAuthenticator authenticator) {
        try {
            return WebhookServer.start(new WebhookServer.Settings(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    null, authenticator, verifier, List.of(), 4, 64 * 1024, 64, Duration.ofSeconds(10), Duration.ofSeconds(10),
                    AccessLog.json(new PrintStream(log, true, StandardCharsets.UTF_8), clock)));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> post(URI url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aMappingSourceThatIsDownIs503WithRetryAfterAndCountedAsUnavailable() throws Exception {
        HttpResponse<String> r = post(server.authenticateUrl(), "{\"apiVersion\":\"authentication.k8s.io/v1\","
                + "\"kind\":\"TokenReview\",\"spec\":{\"token\":\"" + ServeCommandTest.sign(admin, clock) + "\"}}");

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(Fixtures.json(r.body()).path("status").path("authenticated").asBoolean()).isFalse();
        assertThat(Fixtures.json(r.body()).path("status").path("error").asText()).isEqualTo("the mapping database is down");
        assertThat(server.metrics().count(WebhookMetrics.Outcome.UNAVAILABLE)).isEqualTo(1);
        assertThat(server.metrics().exposition()).contains("eksauth_webhook_requests_total{outcome=\"unavailable\"} 1.0");
        JsonNode line = Fixtures.json(log.toString(StandardCharsets.UTF_8).strip());
        assertThat(line.path("outcome").asText()).isEqualTo("unavailable");
        assertThat(line.path("status").asInt()).isEqualTo(503);
        assertThat(line.path("reason").asText()).isEqualTo("MAPPING_SOURCE_UNAVAILABLE");
        assertThat(line.path("arn").asText()).isEqualTo(admin.arn());
        assertThat(line.path("message").asText()).isEqualTo("the mapping database is down");
    }

    @Test
    void aBodyThatIsNotATokenReviewIs400() throws Exception {
        HttpResponse<String> r = post(server.authenticateUrl(), "{\"kind\":\"TokenReview\"}");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("apiVersion");
        assertThat(server.metrics().count(WebhookMetrics.Outcome.BAD_REQUEST)).isEqualTo(1);
        assertThat(sts.requestCount()).isZero();
    }
}
