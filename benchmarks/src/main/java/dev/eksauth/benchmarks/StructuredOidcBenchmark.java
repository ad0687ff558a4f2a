package dev.eksauth.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.eksauth.oidc.AuthenticationConfiguration;
import dev.eksauth.oidc.OidcIdentity;
import dev.eksauth.oidc.OidcVerifier;
import dev.eksauth.oidc.StructuredOidcVerifier;
import dev.eksauth.testkit.FakeOidcIssuer;

/**
 * One RS256 ID token verified three ways: with the plain EKS identity-provider rules
 * ({@link OidcVerifier}: email username, groups claim with a prefix, a required claim), with a
 * structured configuration that states the same rules without expressions, and with one that
 * states them as CEL (a claim validation expression, username, groups, uid and extra expressions,
 * two user validation rules). Keys are fetched in setup; nothing measured touches the network.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Dsun.net.httpserver.nodelay=true")
public class StructuredOidcBenchmark {
    private FakeOidcIssuer issuer;
    private OidcVerifier plain;
    private StructuredOidcVerifier claims;
    private StructuredOidcVerifier cel;
    private String token;

    @Setup
    public void setUp() {
        issuer = FakeOidcIssuer.create();
        plain = OidcVerifier.builder().issuer(issuer.issuer()).clientId("kubernetes").usernameClaim("email")
                .groupsClaim("groups").groupsPrefix("oidc:").requiredClaim("hd", "example.com")
                .trustedCertificatesPem(issuer.certificatePem()).build();
        claims = StructuredOidcVerifier.create(AuthenticationConfiguration.parse(config("""
                claimValidationRules:
                - {claim: hd, requiredValue: example.com}
                claimMappings:
                  username: {claim: email, prefix: ''}
                  groups: {claim: groups, prefix: 'oidc:'}
                  uid: {claim: sub}
                """)));
        cel = StructuredOidcVerifier.create(AuthenticationConfiguration.parse(config("""
                claimValidationRules:
                - expression: 'claims.hd == "example.com" && claims.?email_verified.orValue(true) == true'
                  message: only verified example.com accounts
                claimMappings:
                  username: {expression: 'claims.email'}
                  groups: {expression: 'claims.groups.map(g, "oidc:" + g)'}
                  uid: {expression: 'claims.sub'}
                  extra:
                  - {key: example.com/tenant, valueExpression: 'claims.tenant'}
                userValidationRules:
                - expression: "!user.username.startsWith('system:')"
                - expression: "user.groups.all(g, !g.startsWith('system:'))"
                """)));
        token = issuer.token().subject("alice").audience("kubernetes").claim("email", "alice@example.com")
                .claim("email_verified", true).claim("hd", "example.com").claim("tenant", "blue")
                .claim("groups", List.of("dev", "ops")).sign();
        plain.verify(token);
        claims.verify(token);
        cel.verify(token);
    }

    private String config(String rest) {
        return "apiVersion: apiserver.config.k8s.io/v1\nkind: AuthenticationConfiguration\njwt:\n- issuer:\n"
                + "    url: " + issuer.issuer() + "\n    audiences: [kubernetes]\n    certificateAuthority: |\n"
                + issuer.certificatePem().strip().indent(6) + rest.indent(2);
    }

    @TearDown
    public void tearDown() {
        plain.close();
        claims.close();
        cel.close();
        issuer.close();
    }

    /** Today's plain rules: EKS identity-provider settings. */
    @Benchmark
    public OidcIdentity plainRules() {
        return plain.verify(token);
    }

    /** The same rules written as claim mappings of a configuration, without CEL. */
    @Benchmark
    public OidcIdentity configurationClaims() {
        return claims.verify(token);
    }

    /** The same rules, and more, written as CEL expressions. */
    @Benchmark
    public OidcIdentity configurationCel() {
        return cel.verify(token);
    }
}
