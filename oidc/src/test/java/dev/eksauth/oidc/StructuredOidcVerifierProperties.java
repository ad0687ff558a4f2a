package dev.eksauth.oidc;

import static dev.eksauth.oidc.StructuredConfigs.CLOCK;
import static dev.eksauth.oidc.StructuredConfigs.config;
import static dev.eksauth.oidc.StructuredConfigs.jwt;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import dev.eksauth.testkit.FakeOidcIssuer;
import dev.eksauth.testkit.OidcTokenBuilder;

class StructuredOidcVerifierProperties {
    private static final List<String> NAMES = List.of("sub", "username", "roles", "groups", "email", "email_verified",
            "tenant", "hd", "nested");
    private static FakeOidcIssuer issuer;
    private static StructuredOidcVerifier verifier;

    @BeforeContainer
    static void start() {
        issuer = FakeOidcIssuer.builder().clock(CLOCK).build();
        verifier = StructuredOidcVerifier.builder().clock(CLOCK).configuration(AuthenticationConfiguration.parse(
                config(jwt(issuer, """
                        claimValidationRules:
                        - expression: 'claims.?hd.orValue("example.com") == "example.com"'
                        - expression: 'claims.?email_verified.orValue(true) == true'
                        claimMappings:
                          username: {expression: 'has(claims.email) ? claims.email : claims.sub + ":ext"'}
                          groups: {expression: 'claims.?roles.orValue("").split(",") + claims.?groups.orValue([])'}
                          uid: {expression: 'string(claims.?nested.id.orValue(""))'}
                          extra:
                          - {key: example.com/tenant, valueExpression: 'claims.?tenant.orValue(null)'}
                        userValidationRules:
                        - expression: 'user.groups.all(g, g.size() < 100)'
                        """)))).build();
    }

    @AfterContainer
    static void stop() {
        verifier.close();
        issuer.close();
    }

    /** Whatever the claims hold, a signed token is either mapped or refused as invalid: no crash, no other error. */
    @Property(tries = 150)
    void arbitraryClaimsYieldAUserOrAnInvalidToken(@ForAll("claims") Map<String, Object> claims) {
        OidcTokenBuilder token = issuer.token().audience("my-app");
        claims.forEach(token::claim);
        try {
            assertThat(verifier.verify(token.sign()).user().username()).isNotEmpty();
        } catch (InvalidOidcTokenException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    /** Whatever the text, reading it yields a configuration or lists what is wrong with it. */
    @Property(tries = 300)
    void arbitraryTextIsAConfigurationOrAnInvalidOne(@ForAll("documents") String text) {
        try {
            AuthenticationConfiguration.parse(text);
        } catch (InvalidAuthenticationConfigurationException e) {
            assertThat(e.problems()).isNotEmpty().allMatch(p -> !p.isBlank());
        }
    }

    @Provide
    Arbitrary<Map<String, Object>> claims() {
        return Arbitraries.maps(Arbitraries.of(NAMES), value(2)).ofMaxSize(NAMES.size());
    }

    private static Arbitrary<Object> value(int depth) {
        List<Arbitrary<?>> scalars = List.of(
                Arbitraries.strings().ofMaxLength(20),
                Arbitraries.of("system:masters", "a,b,,c", "a@example.com", "example.com", ""),
                Arbitraries.longs(), Arbitraries.doubles(), Arbitraries.of(true, false));
        Arbitrary<Object> scalar = Arbitraries.oneOf(scalars.stream().map(a -> a.map(v -> (Object) v)).toList());
        if (depth == 0) {
            return scalar;
        }
        return Arbitraries.oneOf(scalar, value(depth - 1).list().ofMaxSize(4).map(v -> (Object) v),
                Arbitraries.maps(Arbitraries.of("id", "x"), value(depth - 1)).ofMaxSize(2).map(v -> (Object) v));
    }

    @Provide
    Arbitrary<String> documents() {
        Arbitrary<String> line = Arbitraries.of("apiVersion: apiserver.config.k8s.io/v1", "kind: AuthenticationConfiguration",
                "jwt:", "- issuer:", "    url: https://a.example", "    audiences: [k8s]", "  claimMappings:",
                "    username: {claim: sub, prefix: ''}", "    username: {expression: 'claims.sub +'}",
                "    groups: {expression: claims.groups}", "  userValidationRules: [{expression: 'true'}]", "- 1", "{", "&a [x]",
                "x: *a", "  extra: [{key: a.b/c, valueExpression: '1'}]");
        return Arbitraries.oneOf(line.list().ofMaxSize(12).map(lines -> String.join("\n", lines)),
                Arbitraries.strings().ofMaxLength(200));
    }
}
