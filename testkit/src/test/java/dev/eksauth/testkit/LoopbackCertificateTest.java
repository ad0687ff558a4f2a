package dev.eksauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

class LoopbackCertificateTest {
    private static final LoopbackCertificate TLS = LoopbackCertificate.generate();
    private HttpsServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(TLS.serverContext()));
        server.createContext("/", exchange -> {
            byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aClientTrustingTheCertificateConnectsByNameAndByAddress() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(TLS.clientContext()).build();
        for (String host : new String[] {"localhost", "127.0.0.1"}) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(url(host)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).isEqualTo("hello");
        }
    }

    @Test
    void aClientWithTheDefaultTrustRefusesTheServer() {
        HttpClient client = HttpClient.newHttpClient();
        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(url("localhost")).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void thePemsDecodeToTheCertificateAndAPkcs8Key() throws Exception {
        var decoded = CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(TLS.certificatePem().getBytes(StandardCharsets.US_ASCII)));
        assertThat(decoded).isEqualTo(TLS.certificate());
        assertThat(TLS.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(TLS.toString()).doesNotContain("PRIVATE");
    }

    private URI url(String host) {
        return URI.create("https://" + host + ":" + server.getAddress().getPort() + "/");
    }
}
