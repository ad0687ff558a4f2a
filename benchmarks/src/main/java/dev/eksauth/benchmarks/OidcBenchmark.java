package dev.eksauth.benchmarks;

import java.text.ParseException;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;

import dev.eksauth.oidc.OidcIdentity;
import dev.eksauth.oidc.OidcVerifier;
import dev.eksauth.core.SigningAlgorithm;
import dev.eksauth.testkit.FakeOidcIssuer;

/**
 * OIDC ID-token verification with the EKS rules against Nimbus' bare parse and signature check of
 * the same token. Keys are fetched in setup, so the measured path has no network and no discovery.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Dsun.net.httpserver.nodelay=true")
public class OidcBenchmark {
    @Param({"RS256", "ES256"})
    public String algorithm;

    private FakeOidcIssuer issuer;
    private OidcVerifier verifier;
    private JWSVerifier bare;
    private String token;

    @Setup
    public void setUp() throws JOSEException {
        SigningAlgorithm alg = SigningAlgorithm.valueOf(algorithm);
        issuer = FakeOidcIssuer.builder().algorithms(alg).build();
        verifier = OidcVerifier.builder().issuer(issuer.issuer()).clientId("kubernetes")
                .signingAlgorithms(alg)
                .usernameClaim("email").groupsClaim("groups")
                .trustedCertificatesPem(issuer.certificatePem()).build();
        token = issuer.token().subject("alice").audience("kubernetes").claim("email", "alice@example.com")
                .claim("email_verified", true).claim("groups", java.util.List.of("dev", "ops")).sign();
        verifier.verify(token);
        JWK key = issuer.currentKey(alg).toPublicJWK();
        bare = new DefaultJWSVerifierFactory().createJWSVerifier(
                new com.nimbusds.jose.JWSHeader(JWSAlgorithm.parse(algorithm)), ((AsymmetricJWK) key).toPublicKey());
    }

    @TearDown
    public void tearDown() {
        verifier.close();
        issuer.close();
    }

    /** What eksauth does per token: parse, checks, key lookup, signature, claim rules, user. */
    @Benchmark
    public OidcIdentity verify() {
        return verifier.verify(token);
    }

    /** Nimbus alone: parse the token and check its signature with a ready verifier. */
    @Benchmark
    public boolean nimbusSignatureOnly() throws ParseException, JOSEException {
        return SignedJWT.parse(token).verify(bare);
    }
}
