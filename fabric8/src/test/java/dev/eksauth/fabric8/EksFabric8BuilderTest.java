package dev.eksauth.fabric8;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.eksauth.testkit.LoopbackCertificate;
import dev.eksauth.token.EksToken;
import io.fabric8.kubernetes.client.Config;

class EksFabric8BuilderTest {
    static final String ENDPOINT = "https://ABCD1234.gr7.us-west-2.eks.amazonaws.com";
    static final LoopbackCertificate TLS = LoopbackCertificate.generate();
    static final String CA_DATA = Base64.getEncoder().encodeToString(TLS.certificatePem().getBytes(StandardCharsets.US_ASCII));
    static final EksToken FIXED = new EksToken(EksToken.PREFIX + "x", java.time.Instant.MAX);

    @Test
    void buildsAConfigForTheEndpointWithTheCertificateAuthority() {
        Config config = EksFabric8.builder().endpoint(ENDPOINT + "/").certificateAuthorityData(CA_DATA)
                .tokenSupplier(() -> FIXED).build();

        assertThat(config.getMasterUrl()).isEqualTo(ENDPOINT + "/");
        assertThat(decode(config.getCaCertData())).isEqualTo(decode(CA_DATA));
        assertThat(config.getOauthTokenProvider().getToken()).isEqualTo(FIXED.value());
        assertThat(config.getOauthToken()).isNull();
    }

    @Test
    void readsNoKubeconfigEnvironmentOrSystemProperties() {
        String saved = System.getProperty(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY);
        System.setProperty(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY, "https://elsewhere.example.com");
        try {
            Config config = EksFabric8.builder().endpoint(ENDPOINT).tokenSupplier(() -> FIXED).build();

            assertThat(config.getMasterUrl()).isEqualTo(ENDPOINT + "/");
            assertThat(config.getAutoConfigure()).isFalse();
        } finally {
            if (saved == null) {
                System.clearProperty(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY);
            } else {
                System.setProperty(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY, saved);
            }
        }
    }

    @Test
    void theCertificateAuthorityMayBePemOrAFileInPemOrDer(@TempDir Path dir) throws Exception {
        Path der = java.nio.file.Files.write(dir.resolve("ca.der"), TLS.certificate().getEncoded());

        String fromPem = EksFabric8.builder().endpoint(ENDPOINT).certificateAuthorityPem(TLS.certificatePem())
                .tokenSupplier(() -> FIXED).build().getCaCertData();
        String fromDer = EksFabric8.builder().endpoint(ENDPOINT).certificateAuthorityFile(der)
                .tokenSupplier(() -> FIXED).build().getCaCertData();

        assertThat(decode(fromPem)).isEqualTo(decode(fromDer)).contains("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void refusesAnEndpointThatIsNotHttps() {
        assertThatThrownBy(() -> EksFabric8.builder().endpoint("http://ABCD.eks.amazonaws.com"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
        assertThatThrownBy(() -> EksFabric8.builder().endpoint("ABCD.eks.amazonaws.com"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
    }

    @Test
    void refusesUserInfoWithoutRepeatingIt() {
        assertThatThrownBy(() -> EksFabric8.builder().endpoint("https://admin:s3cr3t@ABCD.eks.amazonaws.com"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("s3cr3t");
        assertThatThrownBy(() -> EksFabric8.builder().endpoint("https://admin:s3cr3t@ABCD.eks.amazonaws.com/ x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("s3cr3t");
    }

    @Test
    void refusesACertificateAuthorityThatHoldsNoCertificate(@TempDir Path dir) {
        assertThatThrownBy(() -> EksFabric8.builder().certificateAuthorityData("not base64!"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("base64");
        assertThatThrownBy(() -> EksFabric8.builder().certificateAuthorityData(
                Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.US_ASCII))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("X.509");
        assertThatThrownBy(() -> EksFabric8.builder().certificateAuthorityPem(""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EksFabric8.builder().certificateAuthorityFile(dir.resolve("missing.crt")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot read");
    }

    @Test
    void needsAnEndpointAndAClusterIdOrATokenSupplier() {
        assertThatThrownBy(() -> EksFabric8.builder().clusterId("prod").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("endpoint");
        assertThatThrownBy(() -> EksFabric8.builder().endpoint(ENDPOINT).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("clusterId");
        assertThatThrownBy(() -> EksFabric8.builder().clusterId(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clusterId");
    }

    @Test
    void takesOneCertificateAuthority() {
        assertThatThrownBy(() -> EksFabric8.builder().endpoint(ENDPOINT).certificateAuthorityData(CA_DATA)
                .certificateAuthorityPem(TLS.certificatePem()).tokenSupplier(() -> FIXED).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("one certificate authority");
    }

    @Test
    void aTokenSupplierExcludesGeneratorOptions() {
        assertThatThrownBy(() -> EksFabric8.builder().endpoint(ENDPOINT).clusterId("prod").tokenSupplier(() -> FIXED)
                .build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("tokenSupplier");
        assertThatThrownBy(() -> EksFabric8.builder().endpoint(ENDPOINT).refreshMargin(Duration.ofMinutes(2))
                .tokenSupplier(() -> FIXED).build()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesARefreshMarginBeyondTenMinutes() {
        assertThatThrownBy(() -> EksFabric8.builder().refreshMargin(Duration.ofMinutes(11)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10 minutes");
        assertThatThrownBy(() -> EksFabric8.builder().refreshMargin(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesARoleArnThatIsNotARole() {
        assertThatThrownBy(() -> EksFabric8.builder().roleArn("arn:aws:iam::123456789012:user/alice"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("role");
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.US_ASCII);
    }
}
