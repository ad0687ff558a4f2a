package dev.eksauth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.eksauth.testkit.LoopbackCertificate;
import dev.eksauth.testkit.MutableClock;
import software.amazon.awssdk.regions.Region;

class AbstractEksClusterClientBuilderTest {
    static final URI ENDPOINT = URI.create("https://ABCD1234.gr7.us-west-2.eks.amazonaws.com");
    static final LoopbackCertificate TLS = LoopbackCertificate.generate();
    static final String CA_DATA = Base64.getEncoder().encodeToString(TLS.certificatePem().getBytes(StandardCharsets.US_ASCII));
    static final EksToken FIXED = new EksToken(EksToken.PREFIX + "x", Instant.MAX);
    final MutableClock clock = MutableClock.at("2026-11-23T10:00:00Z");

    ConnectionCapture builder() {
        return new ConnectionCapture();
    }

    ConnectionCapture generating() {
        return builder().endpoint(ENDPOINT).clusterId("prod").credentialsProvider(EksTokenGeneratorTest.KEYS)
                .region(Region.US_WEST_2).clock(clock);
    }

    @Nested
    class TheEndpoint {
        @Test
        void losesATrailingSlash() {
            assertThat(builder().endpoint(URI.create(ENDPOINT + "/")).tokenSupplier(() -> FIXED).build().endpoint())
                    .isEqualTo(ENDPOINT);
        }

        @Test
        void mustBeHttps() {
            assertThatThrownBy(() -> builder().endpoint(URI.create("http://ABCD.eks.amazonaws.com")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
            assertThatThrownBy(() -> builder().endpoint(URI.create("ABCD.eks.amazonaws.com")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
        }

        @Test
        void mayHaveNeitherQueryNorFragment() {
            assertThatThrownBy(() -> builder().endpoint(URI.create("https://ABCD.eks.amazonaws.com/?x=1")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("query");
            assertThatThrownBy(() -> builder().endpoint(URI.create("https://ABCD.eks.amazonaws.com/#x")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fragment");
        }

        @Test
        void refusesUserInfoWithoutRepeatingIt() {
            assertThatThrownBy(() -> builder().endpoint(URI.create("https://admin:s3cr3t@ABCD.eks.amazonaws.com")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user info")
                    .hasMessageNotContaining("s3cr3t");
        }
    }

    @Nested
    class TheCertificateAuthority {
        @Test
        void isTheSamePemFromDataPemOrAFileInPemOrDer(@TempDir Path dir) throws Exception {
            Path pem = Files.writeString(dir.resolve("ca.crt"), TLS.certificatePem());
            Path der = Files.write(dir.resolve("ca.der"), TLS.certificate().getEncoded());

            String fromData = withSupplier().certificateAuthorityData(CA_DATA).build().certificateAuthorityPem().orElseThrow();

            assertThat(fromData).contains("-----BEGIN CERTIFICATE-----");
            assertThat(withSupplier().certificateAuthorityPem(TLS.certificatePem()).build().certificateAuthorityPem())
                    .contains(fromData);
            assertThat(withSupplier().certificateAuthorityFile(pem).build().certificateAuthorityPem()).contains(fromData);
            assertThat(withSupplier().certificateAuthorityFile(der).build().certificateAuthorityPem()).contains(fromData);
        }

        @Test
        void isOptional() {
            assertThat(withSupplier().build().certificateAuthorityPem()).isEmpty();
        }

        @Test
        void mustHoldACertificate(@TempDir Path dir) {
            assertThatThrownBy(() -> builder().certificateAuthorityData("not base64!"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("base64");
            assertThatThrownBy(() -> builder().certificateAuthorityData(
                    Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.US_ASCII))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("X.509");
            assertThatThrownBy(() -> builder().certificateAuthorityPem("-----BEGIN CERTIFICATE-----"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("X.509");
            assertThatThrownBy(() -> builder().certificateAuthorityPem(""))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> builder().certificateAuthorityFile(dir.resolve("missing.crt")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot read");
        }

        @Test
        void isGivenOnce() {
            assertThatThrownBy(() -> withSupplier().certificateAuthorityData(CA_DATA)
                    .certificateAuthorityPem(TLS.certificatePem()).build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("one certificate authority");
        }

        ConnectionCapture withSupplier() {
            return builder().endpoint(ENDPOINT).tokenSupplier(() -> FIXED);
        }
    }

    @Nested
    class TheTokens {
        @Test
        void comeFromAGeneratorTheConnectionOwnsCachedWithTheClock() {
            EksClusterConnection connection = generating().build();

            EksToken first = connection.tokenSupplier().get();
            clock.advance(Duration.ofMinutes(12));

            assertThat(connection.ownedGenerator()).hasValueSatisfying(g -> assertThat(g.clusterId()).isEqualTo("prod"));
            assertThat(connection.tokenSupplier().get()).isSameAs(first);
            assertThat(first.expiration()).isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));
        }

        @Test
        void followTheRefreshMargin() {
            EksClusterConnection connection = generating().refreshMargin(Duration.ofMinutes(5)).build();
            EksToken first = connection.tokenSupplier().get();
            clock.advance(Duration.ofMinutes(9));

            assertThat(connection.tokenSupplier().get()).isNotSameAs(first);
        }

        @Test
        void comeFromASupplierOfYoursWhichNobodyOwns() {
            CachingTokenSupplier yours = CachingTokenSupplier.builder().tokenSource(() -> FIXED).build();

            EksClusterConnection connection = builder().endpoint(ENDPOINT).tokenSupplier(yours).build();

            assertThat(connection.tokenSupplier()).isSameAs(yours);
            assertThat(connection.ownedGenerator()).isEmpty();
        }

        @Test
        void aSupplierExcludesEveryGeneratorOption() {
            assertThatThrownBy(() -> builder().endpoint(ENDPOINT).clusterId("prod").tokenSupplier(() -> FIXED).build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("tokenSupplier");
            assertThatThrownBy(() -> builder().endpoint(ENDPOINT).region(Region.US_WEST_2).tokenSupplier(() -> FIXED)
                    .build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("tokenSupplier");
            assertThatThrownBy(() -> builder().endpoint(ENDPOINT).clock(clock).tokenSupplier(() -> FIXED).build())
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> builder().endpoint(ENDPOINT).refreshMargin(Duration.ofMinutes(2))
                    .tokenSupplier(() -> FIXED).build()).isInstanceOf(IllegalStateException.class);
        }
    }

    @Nested
    class Misuse {
        @Test
        void needsAnEndpointAndAClusterIdOrATokenSupplier() {
            assertThatThrownBy(() -> builder().clusterId("prod").build())
                    .isInstanceOf(IllegalStateException.class).hasMessage("endpoint is required");
            assertThatThrownBy(() -> builder().endpoint(ENDPOINT).build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("clusterId is required");
        }

        @Test
        void refusesBadSettingsWhereTheyAreWritten() {
            assertThatThrownBy(() -> builder().clusterId(" "))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clusterId");
            assertThatThrownBy(() -> builder().roleArn("arn:aws:iam::123456789012:user/alice"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a role");
            assertThatThrownBy(() -> builder().refreshMargin(Duration.ofMinutes(11)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("refreshMargin");
            assertThatThrownBy(() -> builder().refreshMargin(Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("refreshMargin");
        }
    }

    @Test
    void theConnectionShowsNeitherTokenNorCertificate() {
        EksClusterConnection connection = generating().certificateAuthorityData(CA_DATA).build();
        String token = connection.tokenSupplier().get().value();

        assertThat(connection.toString()).contains(ENDPOINT.toString(), "prod")
                .doesNotContain(token.substring(11), "BEGIN CERTIFICATE");
    }
}
