package dev.eksauth.testkit;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import dev.eksauth.core.SigningAlgorithm;

/**
 * Mints one ID token: a {@link FakeOidcIssuer} starts it with {@code iss}, {@code iat} and an
 * {@code exp} an hour later; everything else (claims, header, key, algorithm) can be chosen, including
 * what a valid issuer would never produce.
 *
 * <pre>{@code
 * String token = issuer.token().subject("alice").audience("my-client")
 *         .claim("groups", List.of("dev")).sign();
 * String forged = issuer.token().subject("alice").audience("my-client")
 *         .signedBy(FakeOidcIssuer.unpublishedKey(SigningAlgorithm.RS256))
 *         .keyId(issuer.currentKey(SigningAlgorithm.RS256).getKeyID()).sign();
 * String projected = issuer.token().audience("sts.amazonaws.com")
 *         .serviceAccount("payments", "api").pod("api-0", "pod-uid").sign();
 * }</pre>
 *
 * <p>Not thread-safe; use one builder per token.
 */
public final class OidcTokenBuilder {
    private final JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
    private JWK key;
    private JWSAlgorithm algorithm;
    private String keyId;
    private boolean keyIdSet;
    private JOSEObjectType type = JOSEObjectType.JWT;
    private URI jwkSetUrl;
    private JWK embeddedKey;
    private URI x509Url;
    private byte[] hmacSecret;
    private boolean unsigned;
    private String[] serviceAccount;
    private String serviceAccountUid;
    private Map<String, String> pod;
    private Map<String, String> node;

    OidcTokenBuilder(JWK key, String issuer, Instant now) {
        this.key = key;
        claims.issuer(issuer).issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofHours(1))));
    }

    /** Sets {@code sub}. */
    public OidcTokenBuilder subject(String subject) {
        claims.subject(subject);
        return this;
    }

    /** Sets {@code aud}: a string for one value, an array for several. */
    public OidcTokenBuilder audience(String... audiences) {
        if (audiences.length == 1) {
            claims.audience(audiences[0]);
        } else {
            claims.audience(List.of(audiences));
        }
        return this;
    }

    /** Sets {@code iss}. */
    public OidcTokenBuilder issuer(String issuer) {
        claims.issuer(issuer);
        return this;
    }

    /** Sets {@code iat}. */
    public OidcTokenBuilder issuedAt(Instant at) {
        claims.issueTime(Date.from(at));
        return this;
    }

    /** Sets {@code exp}. */
    public OidcTokenBuilder expiresAt(Instant at) {
        claims.expirationTime(Date.from(at));
        return this;
    }

    /** Sets {@code nbf}. */
    public OidcTokenBuilder notBefore(Instant at) {
        claims.notBeforeTime(Date.from(at));
        return this;
    }

    /**
     * Sets any claim to a JSON value: a string, number, boolean, list or map. A null value removes the
     * claim.
     */
    public OidcTokenBuilder claim(String name, Object value) {
        claims.claim(name, value);
        return this;
    }

    /**
     * Makes this a projected service-account token: {@code sub} is
     * {@code system:serviceaccount:<namespace>:<name>} and {@code kubernetes.io} holds the namespace
     * and the service account, with a random uid unless {@link #serviceAccountUid} sets one. Add the
     * pod and node it is bound to with {@link #pod} and {@link #node}.
     */
    public OidcTokenBuilder serviceAccount(String namespace, String name) {
        this.serviceAccount = new String[] {Objects.requireNonNull(namespace, "namespace"),
            Objects.requireNonNull(name, "name")};
        claims.subject("system:serviceaccount:" + namespace + ":" + name);
        return this;
    }

    /** The service account's uid in {@code kubernetes.io}; random by default. */
    public OidcTokenBuilder serviceAccountUid(String uid) {
        this.serviceAccountUid = Objects.requireNonNull(uid, "uid");
        return this;
    }

    /** The pod a service-account token is bound to, in {@code kubernetes.io.pod}. */
    public OidcTokenBuilder pod(String name, String uid) {
        this.pod = Map.of("name", Objects.requireNonNull(name, "name"), "uid", Objects.requireNonNull(uid, "uid"));
        return this;
    }

    /** The node a service-account token is bound to, in {@code kubernetes.io.node}. */
    public OidcTokenBuilder node(String name, String uid) {
        this.node = Map.of("name", Objects.requireNonNull(name, "name"), "uid", Objects.requireNonNull(uid, "uid"));
        return this;
    }

    /** Signs with this private key (RSA or EC), published or not; its {@code kid} goes in the header. */
    public OidcTokenBuilder signedBy(JWK key) {
        this.key = Objects.requireNonNull(key, "key");
        return this;
    }

    /** Signs with this algorithm instead of the key's own, e.g. PS256 with an RS256 key. */
    public OidcTokenBuilder algorithm(SigningAlgorithm algorithm) {
        this.algorithm = JWSAlgorithm.parse(Objects.requireNonNull(algorithm, "algorithm").name());
        return this;
    }

    /** Puts this {@code kid} in the header (null for none) instead of the signing key's. */
    public OidcTokenBuilder keyId(String keyId) {
        this.keyId = keyId;
        this.keyIdSet = true;
        return this;
    }

    /** Sets the header's {@code typ} (null for none); {@code JWT} by default. */
    public OidcTokenBuilder type(String type) {
        this.type = type == null ? null : new JOSEObjectType(type);
        return this;
    }

    /** Puts a {@code jku} (JWK set URL) in the header. */
    public OidcTokenBuilder jwkSetUrl(URI url) {
        this.jwkSetUrl = url;
        return this;
    }

    /** Puts the public part of this key in the header as {@code jwk}. */
    public OidcTokenBuilder embeddedKey(JWK key) {
        this.embeddedKey = key.toPublicJWK();
        return this;
    }

    /** Puts an {@code x5u} (certificate URL) in the header. */
    public OidcTokenBuilder x509Url(URI url) {
        this.x509Url = url;
        return this;
    }

    /** Signs with HS256 and this secret (at least 32 bytes) instead of a key pair. */
    public OidcTokenBuilder hmacSha256(byte[] secret) {
        this.hmacSecret = secret.clone();
        return this;
    }

    /** Produces an unsecured token: {@code alg: none} and an empty signature. */
    public OidcTokenBuilder unsigned() {
        this.unsigned = true;
        return this;
    }

    /** The token in compact serialisation. */
    public String sign() {
        if (serviceAccount != null) {
            Map<String, Object> kubernetes = new LinkedHashMap<>();
            kubernetes.put("namespace", serviceAccount[0]);
            kubernetes.put("serviceaccount", Map.of("name", serviceAccount[1],
                    "uid", serviceAccountUid != null ? serviceAccountUid : UUID.randomUUID().toString()));
            if (pod != null) {
                kubernetes.put("pod", pod);
            }
            if (node != null) {
                kubernetes.put("node", node);
            }
            claims.claim("kubernetes.io", kubernetes);
        }
        JWTClaimsSet claimsSet = claims.build();
        if (unsigned) {
            return new PlainJWT(new PlainHeader.Builder().type(type).build(), claimsSet).serialize();
        }
        JWSAlgorithm alg = hmacSecret != null ? JWSAlgorithm.HS256
                : algorithm != null ? algorithm : (JWSAlgorithm) key.getAlgorithm();
        JWSHeader header = new JWSHeader.Builder(alg)
                .type(type)
                .keyID(keyIdSet ? keyId : hmacSecret != null ? null : key.getKeyID())
                .jwkURL(jwkSetUrl)
                .jwk(embeddedKey)
                .x509CertURL(x509Url)
                .build();
        SignedJWT jwt = new SignedJWT(header, claimsSet);
        try {
            jwt.sign(signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with " + alg + ": " + e.getMessage(), e);
        }
        return jwt.serialize();
    }

    private JWSSigner signer() throws JOSEException {
        if (hmacSecret != null) {
            return new MACSigner(hmacSecret);
        }
        if (key instanceof RSAKey rsa) {
            return new RSASSASigner(rsa);
        }
        if (key instanceof ECKey ec) {
            return new ECDSASigner(ec);
        }
        throw new IllegalStateException("cannot sign with a " + key.getKeyType() + " key");
    }
}
