package dev.eksauth.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.eksauth.testkit.LoopbackCertificate;

class LoopbackServerTest {
    static final LoopbackCertificate TLS = LoopbackCertificate.generate();
    final HttpClient plainClient = HttpClient.newHttpClient();
    final List<LoopbackServer> started = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(LoopbackServer::close);
    }

    LoopbackServer start(LoopbackServer.Builder builder) {
        LoopbackServer server = builder.start();
        started.add(server);
        return server;
    }

    static LoopbackServer.Builder hello() {
        return LoopbackServer.named("test-server").route("/", exchange -> LoopbackServer.send(exchange, 200, "text/plain", "hello"));
    }

    static HttpResponse<String> get(HttpClient client, URI uri) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Nested
    class Plain {
        @Test
        void listensOnLoopbackOverHttp() throws Exception {
            LoopbackServer server = start(hello());

            HttpResponse<String> r = get(plainClient, server.endpoint().resolve("/any"));

            assertThat(server.endpoint().toString()).startsWith("http://127.0.0.1:");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("hello");
            assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain");
        }

        @Test
        void theLongestRoutePrefixAnswers() throws Exception {
            LoopbackServer server = start(hello().route("/keys", exchange -> LoopbackServer.send(exchange, 200,
                    LoopbackServer.JSON, "{}")));

            assertThat(get(plainClient, server.endpoint().resolve("/keys")).body()).isEqualTo("{}");
            assertThat(get(plainClient, server.endpoint().resolve("/other")).body()).isEqualTo("hello");
        }

        @Test
        void anEmptyBodyIsSentAsNone() throws Exception {
            LoopbackServer server = start(LoopbackServer.named("test-server")
                    .route("/", exchange -> LoopbackServer.send(exchange, 204, "text/plain", new byte[0])));

            HttpResponse<String> r = get(plainClient, server.endpoint());

            assertThat(r.statusCode()).isEqualTo(204);
            assertThat(r.body()).isEmpty();
        }

        @Test
        void aRouteThatThrowsBeforeAnsweringGetsA500() throws Exception {
            LoopbackServer server = start(LoopbackServer.named("test-server").route("/", exchange -> {
                throw new IllegalStateException("a bug in a fake");
            }));

            assertThat(get(plainClient, server.endpoint()).statusCode()).isEqualTo(500);
        }

        @Test
        void aRouteThatReturnsWithoutAnsweringDropsTheConnection() {
            LoopbackServer server = start(LoopbackServer.named("test-server").route("/", exchange -> { }));

            assertThatThrownBy(() -> get(plainClient, server.endpoint())).isInstanceOf(IOException.class);
        }
    }

    @Nested
    class Tls {
        @Test
        void servesHttpsWithTheCertificate() throws Exception {
            LoopbackServer server = start(hello().tls(TLS));
            HttpClient client = HttpClient.newBuilder().sslContext(TLS.clientContext()).build();

            assertThat(server.endpoint().toString()).startsWith("https://127.0.0.1:");
            assertThat(get(client, server.endpoint()).body()).isEqualTo("hello");
        }

        @Test
        void aClientThatDoesNotTrustTheCertificateIsRefused() {
            LoopbackServer server = start(hello().tls(TLS));

            assertThatThrownBy(() -> get(plainClient, server.endpoint())).isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Nested
    class Ports {
        @Test
        void closeFreesThePortForTheNextServer() throws Exception {
            LoopbackServer first = start(hello());
            int port = first.endpoint().getPort();
            get(plainClient, first.endpoint());

            first.close();
            LoopbackServer second = start(hello().port(port));

            assertThat(second.endpoint()).isEqualTo(first.endpoint());
            assertThat(get(HttpClient.newHttpClient(), second.endpoint()).body()).isEqualTo("hello");
        }

        @Test
        void afterCloseConnectionsAreRefused() {
            LoopbackServer server = start(hello());
            server.close();

            assertThatThrownBy(() -> new Socket(InetAddress.getByName("127.0.0.1"), server.endpoint().getPort()).close())
                    .isInstanceOf(ConnectException.class);
        }

        @Test
        void aPortInUseFailsWithTheAddressInTheMessage() {
            int taken = start(hello()).endpoint().getPort();

            assertThatThrownBy(() -> hello().port(taken).start()).isInstanceOf(IllegalStateException.class)
                    .hasMessage("cannot bind 127.0.0.1:" + taken);
        }
    }
}
