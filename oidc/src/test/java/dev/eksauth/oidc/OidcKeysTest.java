package dev.eksauth.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.eksauth.core.SigningAlgorithm;
import dev.eksauth.oidc.InvalidOidcTokenException.Reason;
import dev.eksauth.testkit.FakeOidcIssuer;
import dev.eksauth.testkit.FakeOidcIssuerExtension;

/** Where keys come from and what happens when they change or cannot be had. */
class OidcKeysTest {
    @RegisterExtension
    final FakeOidcIssuerExtension fake = FakeOidcIssuerExtension.create();

    private FakeOidcIssuer issuer() {
        return fake.get();
    }

    private OidcVerifier.Builder verifier() {
        // A long refresh interval, so that "at most one refetch per interval" holds for the whole test.
        return OidcVerifier.builder().issuer(issuer().issuer()).clientId("kubernetes")
                .trustedCertificatesPem(issuer().certificatePem())
                .keyCacheTimeToLive(Duration.ofHours(2)).keyRefreshInterval(Duration.ofHours(1));
    }

    private String token() {
        return issuer().token().subject("alice").audience("kubernetes").sign();
    }

    private static Reason reason(OidcVerifier verifier, String token) {
        try {
            verifier.verify(token);
        } catch (InvalidOidcTokenException e) {
            return e.reason();
        }
        throw new AssertionError("accepted");
    }

    @Test
    void aTokenSignedByANewKeyIsAcceptedAfterOneRefetch() {
        try (OidcVerifier verifier = verifier().build()) {
            verifier.verify(token());
            long before = issuer().jwksRequests();
            issuer().rotateKey(SigningAlgorithm.RS256);
            assertThat(verifier.verify(token()).subject()).isEqualTo("alice");
            assertThat(issuer().jwksRequests() - before).isEqualTo(1);
        }
    }

    @Test
    void aFloodOfUnknownKeyIdsCausesAtMostOneRefetchPerInterval() {
        try (OidcVerifier verifier = verifier().build()) {
            verifier.verify(token());
            long before = issuer().jwksRequests();
            for (int i = 0; i < 100; i++) {
                String forged = issuer().token().subject("alice").audience("kubernetes").keyId("kid-" + i).sign();
                assertThat(reason(verifier, forged)).isEqualTo(Reason.BAD_SIGNATURE);
            }
            assertThat(issuer().jwksRequests() - before).isLessThanOrEqualTo(1);
            assertThat(verifier.verify(token()).subject()).isEqualTo("alice");
        }
    }

    @Test
    void cachedKeysKeepWorkingWhileTheJwksEndpointIsDown() {
        try (OidcVerifier verifier = verifier().build()) {
            verifier.verify(token());
            issuer().jwksDown(true);
            // An unknown key id makes the verifier try to refetch: the fetch fails, the last good keys stay.
            String unknown = issuer().token().subject("alice").audience("kubernetes").keyId("unknown").sign();
            assertThat(reason(verifier, unknown)).isEqualTo(Reason.BAD_SIGNATURE);
            assertThat(verifier.verify(token()).subject()).isEqualTo("alice");
        }
    }

    @Test
    void withoutCachedKeysAnOutageFailsCleanlyAndRecovers() {
        try (OidcVerifier verifier = verifier().build()) {
            issuer().jwksDown(true);
            assertThatThrownBy(() -> verifier.verify(token())).isInstanceOf(IssuerUnavailableException.class)
                    .hasMessageContaining(issuer().issuer().toString());
            issuer().jwksDown(false);
            assertThat(verifier.verify(token()).subject()).isEqualTo("alice");
        }
    }

    @Test
    void aDiscoveryDocumentNamingAnotherIssuerIsRefused() {
        issuer().advertiseIssuer("https://evil.example.com");
        try (OidcVerifier verifier = verifier().build()) {
            assertThatThrownBy(() -> verifier.verify(token())).isInstanceOf(IssuerUnavailableException.class)
                    .hasMessageContaining("evil.example.com").hasMessageContaining("expected '" + issuer().issuer() + "'");
            assertThat(issuer().jwksRequests()).isZero();
        }
    }

    @Test
    void anIssuerWhoseCertificateIsNotTrustedGivesNoKeys() {
        try (OidcVerifier verifier = OidcVerifier.create(issuer().issuer(), "kubernetes")) {
            assertThatThrownBy(() -> verifier.verify(token())).isInstanceOf(IssuerUnavailableException.class);
            assertThat(issuer().jwksRequests()).isZero();
        }
    }

    @Test
    void failedDiscoveryIsNotRetriedOnEveryToken() {
        issuer().advertiseIssuer("https://evil.example.com");
        try (OidcVerifier verifier = verifier().build()) {
            for (int i = 0; i < 10; i++) {
                assertThatThrownBy(() -> verifier.verify(token())).isInstanceOf(IssuerUnavailableException.class);
            }
            assertThat(issuer().discoveryRequests()).isEqualTo(1);
        }
    }
}
