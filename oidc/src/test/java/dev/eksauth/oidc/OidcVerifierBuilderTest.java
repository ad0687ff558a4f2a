package dev.eksauth.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class OidcVerifierBuilderTest {
    static final URI ISSUER = URI.create("https://oidc.eks.us-west-2.amazonaws.com/id/ABC");

    @ParameterizedTest
    @ValueSource(strings = {"http://issuer.example.com", "HTTPS://issuer.example.com", "https://user@issuer.example.com",
        "https://issuer.example.com?x=1", "https://issuer.example.com#f", "https:///path", "https:opaque",
        "issuer.example.com", ""})
    void theIssuerMustBeAPlainHttpsUrl(String issuer) {
        URI uri = URI.create(issuer);
        assertThatThrownBy(() -> OidcVerifier.builder().issuer(uri)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("issuer must be an https URL");
    }

    @Test
    void anHttpsIssuerWithAPathIsAccepted() {
        assertThatCode(() -> OidcVerifier.builder().issuer(ISSUER).clientId("sts.amazonaws.com").build().close())
                .doesNotThrowAnyException();
    }

    @Test
    void createTakesTheIssuerAndClientIdAndChecksThem() {
        try (OidcVerifier verifier = OidcVerifier.create(ISSUER, "sts.amazonaws.com")) {
            assertThat(verifier.toString()).contains(ISSUER.toString()).contains("RS256");
        }
        assertThatThrownBy(() -> OidcVerifier.create(URI.create("http://issuer.example.com"), "k"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OidcVerifier.create(ISSUER, "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void prefixesMustNotContainSystem() {
        assertThatThrownBy(() -> OidcVerifier.builder().usernamePrefix("system:")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OidcVerifier.builder().usernamePrefix("corp-system:x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OidcVerifier.builder().groupsPrefix("system:")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void requiredClaimsHaveEksLengthLimits() {
        assertThatThrownBy(() -> OidcVerifier.builder().requiredClaim("", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OidcVerifier.builder().requiredClaim("k".repeat(64), "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OidcVerifier.builder().requiredClaim("k", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OidcVerifier.builder().requiredClaim("k", "v".repeat(254))).isInstanceOf(IllegalArgumentException.class);
        assertThatCode(() -> OidcVerifier.builder().requiredClaim("k".repeat(63), "v".repeat(253))).doesNotThrowAnyException();
    }

    static Stream<Consumer<OidcVerifier.Builder>> misuse() {
        return Stream.of(
                b -> b.clientId(""),
                b -> b.usernameClaim(""),
                b -> b.groupsClaim(""),
                b -> b.signingAlgorithms(),
                b -> b.clockSkew(Duration.ofMinutes(6)),
                b -> b.clockSkew(Duration.ofSeconds(-1)),
                b -> b.maxTokenSize(100),
                b -> b.keyCacheTimeToLive(Duration.ZERO),
                b -> b.keyRefreshInterval(Duration.ofDays(2)),
                b -> b.keyOutageTolerance(Duration.ofDays(366)),
                b -> b.connectTimeout(Duration.ZERO),
                b -> b.requestTimeout(Duration.ofMinutes(6)),
                b -> b.trustedCertificates(List.of()),
                b -> b.trustedCertificatesPem("not a certificate"),
                b -> b.trustedCertificatesPem(""));
    }

    @ParameterizedTest
    @MethodSource("misuse")
    void everySetterMisuseIsAnIllegalArgumentException(Consumer<OidcVerifier.Builder> setter) {
        assertThatThrownBy(() -> setter.accept(OidcVerifier.builder())).isExactlyInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void durationErrorsNameTheSetting() {
        assertThatThrownBy(() -> OidcVerifier.builder().keyOutageTolerance(Duration.ZERO))
                .hasMessageContaining("keyOutageTolerance");
    }

    @Test
    void issuerAndClientIdAreRequired() {
        assertThatThrownBy(() -> OidcVerifier.builder().clientId("c").build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> OidcVerifier.builder().issuer(ISSUER).build()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theRefreshIntervalMustBeShorterThanTheCacheLifetime() {
        assertThatThrownBy(() -> OidcVerifier.builder().issuer(ISSUER).clientId("c")
                .keyCacheTimeToLive(Duration.ofSeconds(10)).keyRefreshInterval(Duration.ofSeconds(10)).build())
                .isInstanceOf(IllegalStateException.class);
    }
}
