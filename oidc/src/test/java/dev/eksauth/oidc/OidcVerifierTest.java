package dev.eksauth.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.eksauth.core.SigningAlgorithm;
import dev.eksauth.oidc.InvalidOidcTokenException.Reason;
import dev.eksauth.testkit.FakeOidcIssuer;
import dev.eksauth.testkit.FakeOidcIssuerExtension;
import dev.eksauth.testkit.OidcTokenBuilder;

class OidcVerifierTest {
    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    /** Also registered by {@link OidcAttackTest}, whose tests use these helpers. */
    @RegisterExtension
    static final FakeOidcIssuerExtension ISSUER = FakeOidcIssuerExtension.create(
            fake -> fake.algorithms(SigningAlgorithm.values()).clock(CLOCK));

    static FakeOidcIssuer issuer() {
        return ISSUER.get();
    }

    static OidcVerifier.Builder verifier() {
        return OidcVerifier.builder().issuer(issuer().issuer()).clientId("kubernetes")
                .trustedCertificatesPem(issuer().certificatePem()).clock(CLOCK);
    }

    static OidcTokenBuilder token() {
        return issuer().token().subject("alice-id").audience("kubernetes");
    }

    static OidcIdentity verify(OidcVerifier.Builder verifier, UnaryOperator<OidcTokenBuilder> token) {
        try (OidcVerifier v = verifier.build()) {
            return v.verify(token.apply(token()).sign());
        }
    }

    static Reason refusal(OidcVerifier.Builder verifier, UnaryOperator<OidcTokenBuilder> token) {
        try (OidcVerifier v = verifier.build()) {
            String jwt = token.apply(token()).sign();
            InvalidOidcTokenException e = org.junit.jupiter.api.Assertions.assertThrows(
                    InvalidOidcTokenException.class, () -> v.verify(jwt));
            assertThat(e.getMessage()).doesNotContain(jwt).doesNotContain(jwt.split("\\.")[1]);
            return e.reason();
        }
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void everyAllowedAlgorithmVerifies(SigningAlgorithm algorithm) {
        OidcIdentity identity = verify(verifier().signingAlgorithms(algorithm),
                t -> t.signedBy(issuer().currentKey(algorithm)));
        assertThat(identity.subject()).isEqualTo("alice-id");
        assertThat(identity.user().username()).isEqualTo(issuer().issuer() + "#alice-id");
    }

    @Test
    void anAlgorithmThatIsNotAllowedIsRefusedEvenWithAPublishedKey() {
        assertThat(refusal(verifier(), t -> t.signedBy(issuer().currentKey(SigningAlgorithm.ES256))))
                .isEqualTo(Reason.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void theUserCarriesSubAsUidAndTheIssuerInExtra() {
        OidcIdentity identity = verify(verifier(), t -> t.claim("name", "Alice"));
        assertThat(identity.user().uid()).isEqualTo("alice-id");
        assertThat(identity.user().extra()).containsEntry(OidcIdentity.ISSUER_EXTRA, List.of(issuer().issuer().toString()));
        assertThat(identity.issuer()).isEqualTo(issuer().issuer());
        assertThat(identity.expiresAt()).isEqualTo(NOW.plusSeconds(3600));
        assertThat(identity.claims()).containsEntry("name", "Alice").containsEntry("exp", NOW.getEpochSecond() + 3600);
    }

    @Test
    void theDefaultUsernamePrefixIsTheIssuerAndHashUnlessTheClaimIsEmail() {
        assertThat(verify(verifier().usernameClaim("email"), t -> t.claim("email", "alice@example.com"))
                .user().username()).isEqualTo("alice@example.com");
        assertThat(verify(verifier().usernameClaim("preferred_username"), t -> t.claim("preferred_username", "alice"))
                .user().username()).isEqualTo(issuer().issuer() + "#alice");
    }

    @Test
    void aDashPrefixMeansNoneAndAnyOtherPrefixIsPrepended() {
        assertThat(verify(verifier().usernamePrefix("-"), t -> t).user().username()).isEqualTo("alice-id");
        assertThat(verify(verifier().usernamePrefix("oidc:"), t -> t).user().username()).isEqualTo("oidc:alice-id");
        assertThat(verify(verifier().usernameClaim("email").usernamePrefix("corp:"),
                t -> t.claim("email", "a@example.com")).user().username()).isEqualTo("corp:a@example.com");
    }

    @Test
    void emailNeedsEmailVerifiedTrueWhenItIsPresent() {
        OidcVerifier.Builder byEmail = verifier().usernameClaim("email");
        assertThat(verify(byEmail, t -> t.claim("email", "a@example.com").claim("email_verified", true))
                .user().username()).isEqualTo("a@example.com");
        assertThat(refusal(byEmail, t -> t.claim("email", "a@example.com").claim("email_verified", false)))
                .isEqualTo(Reason.EMAIL_NOT_VERIFIED);
        assertThat(refusal(byEmail, t -> t.claim("email", "a@example.com").claim("email_verified", "true")))
                .isEqualTo(Reason.EMAIL_NOT_VERIFIED);
    }

    @Test
    void groupsMayBeAStringOrAnArrayAndGetThePrefix() {
        OidcVerifier.Builder withGroups = verifier().groupsClaim("groups").groupsPrefix("oidc:");
        assertThat(verify(withGroups, t -> t.claim("groups", List.of("dev", "ops"))).user().groups())
                .containsExactly("oidc:dev", "oidc:ops");
        assertThat(verify(withGroups, t -> t.claim("groups", "dev")).user().groups()).containsExactly("oidc:dev");
        assertThat(verify(withGroups, t -> t).user().groups()).isEmpty();
        assertThat(refusal(withGroups, t -> t.claim("groups", List.of("dev", 7)))).isEqualTo(Reason.GROUPS_CLAIM);
        assertThat(refusal(withGroups, t -> t.claim("groups", Map.of("a", "b")))).isEqualTo(Reason.GROUPS_CLAIM);
    }

    @Test
    void requiredClaimsMustEqualTheirValues() {
        OidcVerifier.Builder required = verifier().requiredClaim("hd", "example.com");
        assertThat(verify(required, t -> t.claim("hd", "example.com")).subject()).isEqualTo("alice-id");
        assertThat(refusal(required, t -> t)).isEqualTo(Reason.REQUIRED_CLAIM);
        assertThat(refusal(required, t -> t.claim("hd", "evil.com"))).isEqualTo(Reason.REQUIRED_CLAIM);
        assertThat(refusal(required, t -> t.claim("hd", List.of("example.com")))).isEqualTo(Reason.REQUIRED_CLAIM);
    }

    @Test
    void theAudienceMayBeAnArrayThatContainsTheClientId() {
        assertThat(verify(verifier(), t -> t.audience("other", "kubernetes")).subject()).isEqualTo("alice-id");
    }

    @Test
    void notBeforeMayBeInTheFutureByTheSkewOnly() {
        assertThat(verify(verifier(), t -> t.notBefore(NOW.plusSeconds(60))).subject()).isEqualTo("alice-id");
        assertThat(refusal(verifier(), t -> t.notBefore(NOW.plusSeconds(61)))).isEqualTo(Reason.NOT_YET_VALID);
        assertThat(refusal(verifier().clockSkew(Duration.ZERO), t -> t.notBefore(NOW.plusSeconds(1))))
                .isEqualTo(Reason.NOT_YET_VALID);
    }

    @Test
    void issuedAtIsNotCheckedAsKubernetesDoesNot() {
        assertThat(verify(verifier().clockSkew(Duration.ZERO), t -> t.issuedAt(NOW.plusSeconds(1))).subject())
                .isEqualTo("alice-id");
        assertThat(verify(verifier(), t -> t.issuedAt(NOW.plusSeconds(86_400)).expiresAt(NOW.plusSeconds(90_000)))
                .subject()).isEqualTo("alice-id");
    }

    @Test
    void issIsComparedWithTheIssuerTextAsWritten() {
        URI configured = URI.create(issuer().issuer() + "/tenant%2fa");
        String otherwiseEscaped = issuer().issuer() + "/tenant%2Fa";

        assertThat(configured).hasToString(issuer().issuer() + "/tenant%2fa");
        assertThat(URI.create(otherwiseEscaped)).as("java.net.URI calls them equal").isEqualTo(configured);
        assertThat(refusal(verifier().issuer(configured), t -> t.issuer(otherwiseEscaped))).isEqualTo(Reason.WRONG_ISSUER);
    }

    @Test
    void anIssuerWithAPathVerifiesItsTokens() {
        try (FakeOidcIssuer tenant = FakeOidcIssuer.builder().path("/id/EXAMPLED539D4633E53DE1B71").clock(CLOCK).build();
                OidcVerifier v = OidcVerifier.builder().issuer(tenant.issuer()).clientId("sts.amazonaws.com")
                        .trustedCertificatesPem(tenant.certificatePem()).clock(CLOCK).build()) {
            OidcIdentity identity = v.verify(tenant.token().subject("pod").audience("sts.amazonaws.com").sign());

            assertThat(identity.issuer()).isEqualTo(tenant.issuer());
            assertThat(identity.user().username()).isEqualTo(tenant.issuer() + "#pod");
        }
    }

    @Test
    void expiryHasNoLeeway() {
        assertThat(verify(verifier(), t -> t.expiresAt(NOW.plusSeconds(1))).subject()).isEqualTo("alice-id");
        assertThat(refusal(verifier(), t -> t.expiresAt(NOW))).isEqualTo(Reason.EXPIRED);
        assertThat(refusal(verifier(), t -> t.claim("exp", null))).isEqualTo(Reason.EXPIRED);
    }

    @Test
    void aServiceAccountTokenYieldsItsKubernetesClaims() {
        OidcIdentity identity = verify(verifier().usernamePrefix("-").systemNames(SystemNames.ALLOW),
                t -> t.serviceAccount("payments", "api").serviceAccountUid("sa-uid").pod("api-7d9", "pod-uid"));
        ServiceAccountClaims sa = identity.serviceAccount();
        assertThat(sa).isEqualTo(new ServiceAccountClaims("payments", "api", "sa-uid", "api-7d9", "pod-uid", "", ""));
        assertThat(sa.subject()).isEqualTo(identity.user().username()).isEqualTo("system:serviceaccount:payments:api");
        assertThat(sa.isFor("payments", "api")).isTrue();
        assertThat(sa.isFor("payments", "web")).isFalse();
    }

    @Test
    void aServiceAccountClaimThatDisagreesWithSubIsRefused() {
        OidcIdentity forged = verify(verifier(), t -> t.serviceAccount("payments", "api").pod("p", "pu")
                .subject("system:serviceaccount:kube-system:admin"));
        assertThatThrownBy(forged::serviceAccount).isInstanceOfSatisfying(InvalidOidcTokenException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.SERVICE_ACCOUNT));
        OidcIdentity plain = verify(verifier(), t -> t);
        assertThatThrownBy(plain::serviceAccount).isInstanceOfSatisfying(InvalidOidcTokenException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.SERVICE_ACCOUNT));
    }

    @Test
    void keysAreFetchedOnceAndVerificationThenNeedsNoNetwork() {
        try (OidcVerifier v = verifier().build()) {
            long discovery = issuer().discoveryRequests();
            long jwks = issuer().jwksRequests();
            for (int i = 0; i < 20; i++) {
                v.verify(token().sign());
            }
            assertThat(issuer().discoveryRequests() - discovery).isEqualTo(1);
            assertThat(issuer().jwksRequests() - jwks).isEqualTo(1);
        }
    }
}
