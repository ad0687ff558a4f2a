package dev.eksauth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

/**
 * Throttling, server errors, timeouts and refused connections are retried until the deadline on the
 * verifier's clock or the bound on attempts; the tests move the clock instead of waiting.
 */
class EksTokenVerifierRetryTest extends VerifierFixture {
    final String token = generator(alice).build().generate().value();

    /** Forwards to the fake STS and moves the clock by a second whenever an answer or a failure arrives. */
    StsTransport aSecondPerRequest() {
        LoopbackTransport loopback = new LoopbackTransport();
        return request -> loopback.send(request).whenComplete((answer, error) -> clock.advance(Duration.ofSeconds(1)));
    }

    @Test
    void throttlingThenSuccessIsRetried() {
        sts.get().throttleNext(2);
        EksTokenVerifier verifier = verifier().build();

        assertThat(verifier.verify(token).arn()).hasToString(alice.arn());
        assertThat(sts.get().requestCount()).isEqualTo(3);
        assertThat(verifier.stats().stsRetryCount()).isEqualTo(2);
    }

    @Test
    void serverErrorsThenSuccessAreRetried() {
        sts.get().failNext(1, 503);

        assertThat(verifier().build().verify(token).arn()).hasToString(alice.arn());
        assertThat(sts.get().requestCount()).isEqualTo(2);
    }

    @Test
    void throttlingUntilTheDeadlineIsReportedAsThrottling() {
        sts.get().throttleNext(Integer.MAX_VALUE);
        EksTokenVerifier verifier = verifier().transport(aSecondPerRequest()).retryDeadline(Duration.ofSeconds(3))
                .build();

        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(StsThrottledException.class)
                .hasMessageContaining("after 3 attempts");
        assertThat(sts.get().requestCount()).isEqualTo(3);
    }

    @Test
    void serverErrorsUntilTheDeadlineAreReportedAsUnavailable() {
        sts.get().failNext(Integer.MAX_VALUE, 500);
        EksTokenVerifier verifier = verifier().transport(aSecondPerRequest()).retryDeadline(Duration.ofSeconds(2))
                .build();

        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(StsUnavailableException.class)
                .isNotInstanceOf(StsThrottledException.class).hasMessageContaining("HTTP 500");
        assertThat(sts.get().requestCount()).isEqualTo(2);
    }

    @Test
    void aClockThatStandsStillEndsRetriesAtTheMostAttempts() {
        sts.get().throttleNext(Integer.MAX_VALUE);
        EksTokenVerifier verifier = verifier().maxAttempts(4).build();

        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(StsThrottledException.class)
                .hasMessageContaining("after 4 attempts");
        assertThat(sts.get().requestCount()).isEqualTo(4);
        assertThat(verifier.stats().stsRetryCount()).isEqualTo(3);
    }

    @Test
    void oneAttemptNeverRetries() {
        sts.get().failNext(1, 503);

        assertThatThrownBy(() -> verifier().maxAttempts(1).build().verify(token))
                .isInstanceOf(StsUnavailableException.class).hasMessageContaining("after 1 attempt ");
        assertThat(sts.get().requestCount()).isEqualTo(1);
    }

    @Test
    void eachAttemptWaitsAtMostWhatRemainsOfTheDeadline() {
        List<Duration> timeouts = new CopyOnWriteArrayList<>();
        StsTransport slow = request -> {
            timeouts.add(request.timeout());
            clock.advance(Duration.ofMillis(2_500));
            return CompletableFuture.failedFuture(new HttpTimeoutException("request timed out"));
        };
        EksTokenVerifier verifier = verifier().transport(slow).requestTimeout(Duration.ofSeconds(3))
                .retryDeadline(Duration.ofSeconds(4)).build();

        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(StsUnavailableException.class)
                .hasMessageContaining("did not answer in time");
        assertThat(timeouts).containsExactly(Duration.ofSeconds(3), Duration.ofMillis(1_500));
    }

    @Test
    void aRefusedConnectionIsUnavailable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        EksTokenVerifier nowhere = verifier().stsEndpointOverride(URI.create("http://127.0.0.1:" + port))
                .maxAttempts(3).build();

        assertThatThrownBy(() -> nowhere.verify(token)).isInstanceOf(StsUnavailableException.class)
                .hasMessageContaining("could not reach STS");
        assertThat(nowhere.stats().stsRequestCount()).isEqualTo(3);
    }
}
