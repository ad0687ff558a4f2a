package dev.eksauth.kubernetesclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.eksauth.testkit.LoopbackCertificate;
import dev.eksauth.token.EksToken;
import io.kubernetes.client.openapi.ApiClient;

class EksKubernetesClientBuilderTest {
    static final String ENDPOINT = "https://ABCD1234.gr7.us-west-2.eks.amazonaws.com";
    static final LoopbackCertificate TLS = LoopbackCertificate.generate();
    static final String CA_DATA = Base64.getEncoder().encodeToString(TLS.certificatePem().getBytes(StandardCharsets.US_ASCII));
    static final EksToken FIXED = new EksToken(EksToken.PREFIX + "x", Instant.MAX);

    @Test
    void buildsAClientForTheEndpoint() {
        ApiClient client = EksKubernetesClient.builder().endpoint(ENDPOINT + "/").certificateAuthorityData(CA_DATA)
                .tokenSupplier(() -> FIXED).build();

        assertThat(client.getBasePath()).isEqualTo(ENDPOINT);
        assertThat(client.isVerifyingSsl()).isTrue();
        assertThat(client.getHttpClient().interceptors()).hasSize(1);
    }

    @Test
    void refusesAnEndpointThatIsNotHttps() {
        assertThatThrownBy(() -> EksKubernetesClient.builder().endpoint("http://ABCD.eks.amazonaws.com"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
        assertThatThrownBy(() -> EksKubernetesClient.builder().endpoint("https://ABCD.eks.amazonaws.com/?x=1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("query");
    }

    @Test
    void refusesUserInfoWithoutRepeatingIt() {
        assertThatThrownBy(() -> EksKubernetesClient.builder().endpoint("https://admin:s3cr3t@ABCD.eks.amazonaws.com"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("s3cr3t");
    }

    @Test
    void refusesACertificateAuthorityThatHoldsNoCertificate(@TempDir Path dir) {
        assertThatThrownBy(() -> EksKubernetesClient.builder().certificateAuthorityData("not base64!"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("base64");
        assertThatThrownBy(() -> EksKubernetesClient.builder().certificateAuthorityPem("-----BEGIN CERTIFICATE-----"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("X.509");
        assertThatThrownBy(() -> EksKubernetesClient.builder().certificateAuthorityFile(dir.resolve("missing.crt")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot read");
    }

    @Test
    void needsAnEndpointAndAClusterIdOrATokenSupplier() {
        assertThatThrownBy(() -> EksKubernetesClient.builder().clusterId("prod").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("endpoint");
        assertThatThrownBy(() -> EksKubernetesClient.builder().endpoint(ENDPOINT).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("clusterId");
    }

    @Test
    void takesOneCertificateAuthority() {
        assertThatThrownBy(() -> EksKubernetesClient.builder().endpoint(ENDPOINT).certificateAuthorityData(CA_DATA)
                .certificateAuthorityPem(TLS.certificatePem()).tokenSupplier(() -> FIXED).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("one certificate authority");
    }

    @Test
    void aTokenSupplierExcludesGeneratorOptions() {
        assertThatThrownBy(() -> EksKubernetesClient.builder().endpoint(ENDPOINT).region(
                software.amazon.awssdk.regions.Region.US_WEST_2).tokenSupplier(() -> FIXED).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("tokenSupplier");
        assertThatThrownBy(() -> EksKubernetesClient.builder().endpoint(ENDPOINT).clock(java.time.Clock.systemUTC())
                .tokenSupplier(() -> FIXED).build()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesARefreshMarginBeyondTenMinutes() {
        assertThatThrownBy(() -> EksKubernetesClient.builder().refreshMargin(Duration.ofMinutes(11)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10 minutes");
    }
}
