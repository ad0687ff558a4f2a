package dev.eksauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;

import dev.eksauth.core.SigningAlgorithm;

class FakeOidcIssuerTest {
    private static FakeOidcIssuer issuer;
    private static HttpClient client;

    @BeforeAll
    static void start() {
        issuer = FakeOidcIssuer.builder().algorithms(SigningAlgorithm.RS256, SigningAlgorithm.ES256).path("/oidc").build();
        client = HttpClient.newBuilder().sslContext(issuer.tls().clientContext()).build();
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    @Test
    void discoveryNamesTheIssuerAndItsKeysOverHttps() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(get(URI.create(issuer.issuer() + "/.well-known/openid-configuration")).body());
        assertThat(issuer.issuer().toString()).startsWith("https://127.0.0.1:").endsWith("/oidc");
        assertThat(doc.get("issuer").asText()).isEqualTo(issuer.issuer().toString());
        assertThat(doc.get("jwks_uri").asText()).isEqualTo(issuer.jwksUri().toString());
        assertThat(issuer.discoveryRequests()).isPositive();
    }

    @Test
    void mintedTokensVerifyWithThePublishedKeysAndOnlyPublicPartsArePublished() throws Exception {
        JWKSet published = JWKSet.parse(get(issuer.jwksUri()).body());
        assertThat(published.getKeys()).hasSize(issuer.keys().size()).noneMatch(k -> k.isPrivate());

        SignedJWT rs = SignedJWT.parse(issuer.token().subject("alice").audience("a", "b").sign());
        assertThat(rs.verify(new RSASSAVerifier(published.getKeyByKeyId(rs.getHeader().getKeyID()).toRSAKey()))).isTrue();
        assertThat(rs.getJWTClaimsSet().getAudience()).containsExactly("a", "b");
        assertThat(rs.getJWTClaimsSet().getIssuer()).isEqualTo(issuer.issuer().toString());

        SignedJWT es = SignedJWT.parse(issuer.token().signedBy(issuer.currentKey(SigningAlgorithm.ES256)).sign());
        assertThat(es.verify(new ECDSAVerifier(published.getKeyByKeyId(es.getHeader().getKeyID()).toECKey()))).isTrue();
    }

    @Test
    void rotationPublishesTheNewKeyAndSwitchesSigningToIt() throws Exception {
        var old = issuer.currentKey(SigningAlgorithm.RS256);
        var fresh = issuer.rotateKey(SigningAlgorithm.RS256);
        assertThat(SignedJWT.parse(issuer.token().sign()).getHeader().getKeyID()).isEqualTo(fresh.getKeyID());
        assertThat(JWKSet.parse(get(issuer.jwksUri()).body()).getKeyByKeyId(old.getKeyID())).isNotNull();
        issuer.removeKey(old.getKeyID());
        assertThat(JWKSet.parse(get(issuer.jwksUri()).body()).getKeyByKeyId(old.getKeyID())).isNull();
    }

    @Test
    void theJwksEndpointFailsOnDemandAndCountsRequests() throws Exception {
        long before = issuer.jwksRequests();
        issuer.jwksDown(true);
        assertThat(get(issuer.jwksUri()).statusCode()).isEqualTo(503);
        issuer.jwksDown(false);
        issuer.failJwksNext(1);
        assertThat(get(issuer.jwksUri()).statusCode()).isEqualTo(500);
        assertThat(get(issuer.jwksUri()).statusCode()).isEqualTo(200);
        assertThat(issuer.jwksRequests() - before).isEqualTo(3);
    }

    @Test
    void serviceAccountTokensCarryTheKubernetesClaims() throws Exception {
        var claims = SignedJWT.parse(issuer.token().serviceAccount("ns", "app").serviceAccountUid("u1").pod("pod-1", "u2").sign()).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("system:serviceaccount:ns:app");
        assertThat(claims.getJSONObjectClaim("kubernetes.io")).containsEntry("namespace", "ns");
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
}
