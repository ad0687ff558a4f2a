package dev.eksauth.oidc;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OidcVerifierBuilderTest {

    @ParameterizedTest
    @ValueSource(strings = {"http://issuer.example.com", "https://user@issuer.example.com",
            "https://issuer.example.com?x=1", "https://issuer.example.com#f", "https:///path", "not a url", ""})
    void theIssuerMustBeAPlainHttpsUrl(String issuer) {
        assertThatThrownBy(() -> OidcVerifier.builder().issuer(issuer)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anHttpsIssuerWithAPathIsAccepted() {
        assertThatCode(() -> OidcVerifier.builder().issuer("https://oidc.eks.us-west-2.amazonaws.com/id/ABC")
                .clientId("sts.amazonaws.com").build().close()).doesNotThrowAnyException();
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

    @Test
    void theSkewAndTokenSizeAreBounded() {
        assertThatThrownBy(() -> OidcVerifier.builder().clockSkew(Duration.ofMinutes(6))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OidcVerifier.builder().clockSkew(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OidcVerifier.builder().maxTokenSize(100)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void issuerAndClientIdAreRequired() {
        assertThatThrownBy(() -> OidcVerifier.builder().clientId("c").build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> OidcVerifier.builder().issuer("https://i.example.com").build())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theRefreshIntervalMustBeShorterThanTheCacheLifetime() {
        assertThatThrownBy(() -> OidcVerifier.builder().issuer("https://i.example.com").clientId("c")
                .keyCacheTimeToLive(Duration.ofSeconds(10)).keyRefreshInterval(Duration.ofSeconds(10)).build())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void trustMaterialMustBeCertificates() {
        assertThatThrownBy(() -> OidcVerifier.builder().trustedCertificatesPem("not a certificate"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
