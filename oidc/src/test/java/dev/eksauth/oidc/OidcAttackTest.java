package dev.eksauth.oidc;

import static dev.eksauth.oidc.OidcVerifierTest.NOW;
import static dev.eksauth.oidc.OidcVerifierTest.refusal;
import static dev.eksauth.oidc.OidcVerifierTest.token;
import static dev.eksauth.oidc.OidcVerifierTest.verifier;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;

import dev.eksauth.core.SigningAlgorithm;
import dev.eksauth.oidc.InvalidOidcTokenException.Reason;
import dev.eksauth.testkit.FakeOidcIssuer;
import dev.eksauth.testkit.FakeOidcIssuerExtension;

/** Tokens an attacker would send, each refused for the right reason. */
class OidcAttackTest {
    /** The issuer of OidcVerifierTest's helpers. */
    @RegisterExtension
    static final FakeOidcIssuerExtension ISSUER = OidcVerifierTest.ISSUER;
    private static final JWK ATTACKER = FakeOidcIssuer.unpublishedKey(SigningAlgorithm.RS256);
    private static HttpServer attackerKeys;
    private static final AtomicInteger ATTACKER_HITS = new AtomicInteger();

    @BeforeAll
    static void start() throws IOException {
        // A key server the attacker controls: the verifier must never ask it.
        attackerKeys = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        attackerKeys.createContext("/", exchange -> {
            ATTACKER_HITS.incrementAndGet();
            byte[] body = new JWKSet(ATTACKER.toPublicJWK()).toString().getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        attackerKeys.start();
    }

    @AfterAll
    static void stop() {
        attackerKeys.stop(0);
    }

    private static URI attackerUrl() {
        return URI.create("http://127.0.0.1:" + attackerKeys.getAddress().getPort() + "/keys");
    }

    private static String publishedKid() {
        return OidcVerifierTest.issuer().currentKey(SigningAlgorithm.RS256).getKeyID();
    }

    @Test
    void algNoneIsRefused() {
        assertThat(refusal(verifier(), t -> t.unsigned())).isEqualTo(Reason.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void hs256SignedWithTheIssuersPublicKeyIsRefused() throws Exception {
        byte[] publicKey = OidcVerifierTest.issuer().currentKey(SigningAlgorithm.RS256).toRSAKey().toPublicKey().getEncoded();
        assertThat(refusal(verifier(), t -> t.hmacSha256(publicKey).keyId(publishedKid())))
                .isEqualTo(Reason.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void aKnownKeyIdSignedByAnotherKeyIsRefused() {
        assertThat(refusal(verifier(), t -> t.signedBy(ATTACKER).keyId(publishedKid()))).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void anUnknownKeyIdIsRefused() {
        assertThat(refusal(verifier(), t -> t.signedBy(ATTACKER))).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void aJkuHeaderNeverSelectsWhereKeysComeFrom() {
        assertThat(refusal(verifier(), t -> t.signedBy(ATTACKER).jwkSetUrl(attackerUrl()))).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(refusal(verifier(), t -> t.signedBy(ATTACKER).keyId(publishedKid()).jwkSetUrl(attackerUrl())))
                .isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(ATTACKER_HITS).hasValue(0);
    }

    @Test
    void anEmbeddedJwkIsNeverTrusted() {
        assertThat(refusal(verifier(), t -> t.signedBy(ATTACKER).embeddedKey(ATTACKER))).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(refusal(verifier(), t -> t.signedBy(ATTACKER).keyId(publishedKid()).embeddedKey(ATTACKER)))
                .isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void anX5uHeaderIsNeverFollowed() {
        assertThat(refusal(verifier(), t -> t.signedBy(ATTACKER).x509Url(attackerUrl()))).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(ATTACKER_HITS).hasValue(0);
    }

    @Test
    void anExpiredTokenIsRefused() {
        assertThat(refusal(verifier(), t -> t.issuedAt(NOW.minusSeconds(7200)).expiresAt(NOW.minusSeconds(1))))
                .isEqualTo(Reason.EXPIRED);
    }

    @Test
    void notBeforeInTheFutureIsRefused() {
        assertThat(refusal(verifier(), t -> t.notBefore(NOW.plusSeconds(600)))).isEqualTo(Reason.NOT_YET_VALID);
    }

    @Test
    void anotherIssuerIsRefusedWithoutFetchingItsKeys() {
        assertThat(refusal(verifier(), t -> t.issuer("https://evil.example.com"))).isEqualTo(Reason.WRONG_ISSUER);
        assertThat(refusal(verifier(), t -> t.issuer(OidcVerifierTest.issuer().issuer() + "/"))).isEqualTo(Reason.WRONG_ISSUER);
        assertThat(refusal(verifier(), t -> t.claim("iss", 42))).isIn(Reason.WRONG_ISSUER, Reason.MALFORMED);
    }

    @Test
    void anotherAudienceIsRefused() {
        assertThat(refusal(verifier(), t -> t.audience("other-client"))).isEqualTo(Reason.WRONG_AUDIENCE);
        assertThat(refusal(verifier(), t -> t.audience("a", "b", "kubernetes-not"))).isEqualTo(Reason.WRONG_AUDIENCE);
        assertThat(refusal(verifier(), t -> t.claim("aud", null))).isEqualTo(Reason.WRONG_AUDIENCE);
    }

    @Test
    void emailVerifiedFalseIsRefused() {
        assertThat(refusal(verifier().usernameClaim("email"),
                t -> t.claim("email", "ceo@example.com").claim("email_verified", false))).isEqualTo(Reason.EMAIL_NOT_VERIFIED);
    }

    @Test
    void aMissingOrDifferentRequiredClaimIsRefused() {
        assertThat(refusal(verifier().requiredClaim("tenant", "t1"), t -> t)).isEqualTo(Reason.REQUIRED_CLAIM);
        assertThat(refusal(verifier().requiredClaim("tenant", "t1"), t -> t.claim("tenant", "t2")))
                .isEqualTo(Reason.REQUIRED_CLAIM);
    }

    @Test
    void aMissingOrNonStringUsernameClaimIsRefused() {
        assertThat(refusal(verifier(), t -> t.subject(null))).isEqualTo(Reason.USERNAME_CLAIM);
        assertThat(refusal(verifier(), t -> t.claim("sub", ""))).isEqualTo(Reason.USERNAME_CLAIM);
        assertThat(refusal(verifier().usernameClaim("email"), t -> t.claim("email", java.util.List.of("a@b.c"))))
                .isEqualTo(Reason.USERNAME_CLAIM);
    }

    @Test
    void anOversizedTokenIsRefusedBeforeItIsParsed() {
        try (OidcVerifier v = verifier().maxTokenSize(2048).build()) {
            String big = token().claim("padding", "x".repeat(4096)).sign();
            assertThat(reason(v, big)).isEqualTo(Reason.TOO_LARGE);
        }
    }

    @Test
    void malformedCompactSerialisationsAreRefused() {
        String good = token().sign();
        String[] parts = good.split("\\.");
        try (OidcVerifier v = verifier().build()) {
            for (String bad : new String[] {"", "abc", "a.b", "a.b.c", parts[0] + "." + parts[1],
                    parts[0] + ".!!!." + parts[2], "e30." + parts[1] + "." + parts[2], good + ".x.y",
                    parts[0] + ".bm90IGpzb24." + parts[2]}) {
                assertThat(reason(v, bad)).as(bad).isIn(Reason.MALFORMED, Reason.ALGORITHM_NOT_ALLOWED);
            }
        }
    }

    @Test
    void aTamperedPayloadIsRefused() {
        String[] parts = token().sign().split("\\.");
        String other = token().subject("admin").sign().split("\\.")[1];
        try (OidcVerifier v = verifier().build()) {
            assertThat(reason(v, parts[0] + "." + other + "." + parts[2])).isEqualTo(Reason.BAD_SIGNATURE);
        }
    }

    private static Reason reason(OidcVerifier v, String token) {
        try {
            v.verify(token);
        } catch (InvalidOidcTokenException e) {
            if (token.length() > 20) {
                assertThat(e.getMessage()).doesNotContain(token);
            }
            return e.reason();
        }
        throw new AssertionError("accepted: " + token.length() + " chars");
    }
}
