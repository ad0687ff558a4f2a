package dev.eksauth.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.eksauth.testkit.FakeStsExtension;
import dev.eksauth.testkit.MutableClock;
import dev.eksauth.testkit.StsIdentity;

/** {@code serve} against clients that open connections and never finish their requests. */
class ServeSlowClientsTest {
    static final int SLOW_CLIENTS = 300;

    @TempDir
    Path dir;

    final MutableClock clock = Fixtures.clockAtNow();
    final StsIdentity admin = StsIdentity.assumedRole("111122223333", "Admin", "alice");

    @RegisterExtension
    final FakeStsExtension sts = FakeStsExtension.create(fake -> fake.clock(clock).identity(admin));

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final List<Socket> slow = new ArrayList<>();
    Shell.Background running;

    @AfterEach
    void stop() throws Exception {
        for (Socket s : slow) {
            s.close();
        }
        if (running != null) {
            running.stop();
        }
    }

    URI serve(String... extra) throws Exception {
        running = ServeCommandTest.startServe(new Shell().clock(clock), dir, sts.get(), extra);
        return URI.create(running.nextLine());
    }

    HttpResponse<String> review(URI url, String token, Duration timeout) throws Exception {
        return http.send(HttpRequest.newBuilder(url).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofString(ServeCommandTest.review("authentication.k8s.io/v1", token)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    Socket halfSentHeaders(URI url) throws Exception {
        Socket socket = new Socket(url.getHost(), url.getPort());
        socket.setSoTimeout(60_000);
        OutputStream out = socket.getOutputStream();
        out.write("POST /authenticate HTTP/1.1\r\nHost: x\r\nContent-Le".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    @Test
    void hundredsOfClientsHoldingHalfSentHeadersDoNotDelayANormalReview() throws Exception {
        URI url = serve("--max-concurrency", "4", "--read-timeout", "1m");
        String token = ServeCommandTest.sign(admin, clock);
        assertThat(review(url, token, Duration.ofSeconds(30)).statusCode()).isEqualTo(200);

        for (int i = 0; i < SLOW_CLIENTS; i++) {
            slow.add(halfSentHeaders(url));
        }

        // A server that gave each slow client a thread would answer only when their minute is up; the
        // timeout is far below that and far above any pause of a loaded machine.
        assertThat(review(url, token, Duration.ofSeconds(20)).statusCode())
                .as("answered while " + SLOW_CLIENTS + " clients hold half-sent headers for a minute").isEqualTo(200);
    }

    @Test
    void aConnectionThatDoesNotFinishItsRequestInTheReadTimeoutIsClosed() throws Exception {
        URI url = serve("--read-timeout", "1s");
        Socket socket = halfSentHeaders(url);
        slow.add(socket);

        assertThat(socket.getInputStream().read()).as("closed without an answer").isEqualTo(-1);

        assertThat(review(url, ServeCommandTest.sign(admin, clock), Duration.ofSeconds(30)).statusCode()).isEqualTo(200);
    }
}
