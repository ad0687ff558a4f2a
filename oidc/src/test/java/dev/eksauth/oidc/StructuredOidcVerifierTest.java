package dev.eksauth.oidc;

import static dev.eksauth.oidc.StructuredConfigs.CLOCK;
import static dev.eksauth.oidc.StructuredConfigs.NOW;
import static dev.eksauth.oidc.StructuredConfigs.config;
import static dev.eksauth.oidc.StructuredConfigs.documentationToken;
import static dev.eksauth.oidc.StructuredConfigs.jwt;
import static dev.eksauth.oidc.StructuredConfigs.verifier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.eksauth.core.KubernetesUser;
import dev.eksauth.oidc.InvalidOidcTokenException.Reason;
import dev.eksauth.testkit.FakeOidcIssuer;
import dev.eksauth.testkit.FakeOidcIssuerExtension;

class StructuredOidcVerifierTest {
    @RegisterExtension
    static final FakeOidcIssuerExtension ISSUER = FakeOidcIssuerExtension.create(fake -> fake.clock(CLOCK));
    @RegisterExtension
    static final FakeOidcIssuerExtension OTHER = FakeOidcIssuerExtension.create(fake -> fake.clock(CLOCK));

    static FakeOidcIssuer issuer() {
        return ISSUER.get();
    }

    static FakeOidcIssuer other() {
        return OTHER.get();
    }

    static final String DOCUMENTATION_MAPPINGS = """
            claimMappings:
              username:
                expression: 'claims.username + ":external-user"'
              groups:
                expression: 'claims.roles.split(",")'
              uid:
                expression: 'claims.sub'
              extra:
              - key: 'example.com/tenant'
                valueExpression: 'claims.tenant'
            """;

    static Reason refusal(StructuredOidcVerifier verifier, String token) {
        try (verifier) {
            return org.junit.jupiter.api.Assertions.assertThrows(InvalidOidcTokenException.class, () -> verifier.verify(token))
                    .reason();
        }
    }

    static InvalidOidcTokenException refused(StructuredOidcVerifier verifier, String token) {
        try (verifier) {
            return org.junit.jupiter.api.Assertions.assertThrows(InvalidOidcTokenException.class, () -> verifier.verify(token));
        }
    }

    @Nested
    class TheKubernetesDocumentationExamples {
        @Test
        void aValidTokenBecomesTheDocumentedUser() {
            String yaml = config(jwt(issuer(), DOCUMENTATION_MAPPINGS + """
                    userValidationRules:
                    - expression: "!user.username.startsWith('system:')"
                      message: 'username cannot used reserved system: prefix'
                    """));
            try (StructuredOidcVerifier verifier = verifier(yaml)) {
                KubernetesUser user = verifier.verify(documentationToken(issuer()).sign()).user();

                assertThat(user).isEqualTo(new KubernetesUser("foo:external-user", "auth", List.of("user", "admin"),
                        Map.of("example.com/tenant", List.of("72f988bf-86f1-41af-91ab-2d7cd011db4a"))));
            }
        }

        @Test
        void aClaimValidationRuleThatFailsRefusesTheTokenWithItsMessage() {
            String yaml = config(jwt(issuer(), """
                    claimValidationRules:
                    - expression: 'claims.hd == "example.com"'
                      message: the hd claim must be set to example.com
                    - expression: 'claims.exp - claims.nbf <= 86400'
                      message: total token lifetime must not exceed 24 hours
                    """ + DOCUMENTATION_MAPPINGS));

            InvalidOidcTokenException wrongHd = refused(verifier(yaml), documentationToken(issuer()).claim("hd", "other.com").sign());
            assertThat(wrongHd.reason()).isEqualTo(Reason.CLAIM_VALIDATION);
            assertThat(wrongHd).hasMessageContaining("the hd claim must be set to example.com");
            assertThat(refusal(verifier(yaml), documentationToken(issuer()).sign()))
                    .as("a missing claim is an evaluation error, as in kube-apiserver").isEqualTo(Reason.EXPRESSION);
            assertThat(refused(verifier(yaml), documentationToken(issuer()).claim("hd", "example.com")
                    .notBefore(NOW.minusSeconds(90_000)).sign())).hasMessageContaining("total token lifetime");
            try (StructuredOidcVerifier verifier = verifier(yaml)) {
                assertThat(verifier.verify(documentationToken(issuer()).claim("hd", "example.com").sign()).user().username())
                        .isEqualTo("foo:external-user");
            }
        }

        @Test
        void aUserValidationRuleThatFailsRefusesTheToken() {
            String yaml = config(jwt(issuer(), DOCUMENTATION_MAPPINGS.replace("claims.username + \":external-user\"",
                    "\"system:\" + claims.username") + """
                    userValidationRules:
                    - expression: "!user.username.startsWith('system:')"
                      message: 'username cannot used reserved system: prefix'
                    """));

            InvalidOidcTokenException e = refused(verifier(yaml, SystemNames.ALLOW), documentationToken(issuer()).sign());
            assertThat(e.reason()).isEqualTo(Reason.USER_VALIDATION);
            assertThat(e).hasMessageContaining("username cannot used reserved system: prefix");
            assertThat(refusal(verifier(yaml), documentationToken(issuer()).sign()))
                    .as("eksauth's own rule comes first").isEqualTo(Reason.SYSTEM_NAME);
        }
    }

    @Nested
    class SeveralIssuers {
        final String yaml = config(
                jwt(issuer(), """
                        claimMappings:
                          username: {claim: sub, prefix: 'first:'}
                        """),
                jwt(other(), """
                        claimMappings:
                          username: {expression: '"second:" + claims.sub'}
                          groups: {claim: groups, prefix: 'second:'}
                        """));

        @Test
        void theTokensIssPicksTheAuthenticatorAndItsKeys() {
            try (StructuredOidcVerifier verifier = verifier(yaml)) {
                assertThat(verifier.verify(issuer().token().subject("alice").audience("my-app").sign()).user().username())
                        .isEqualTo("first:alice");
                OidcIdentity second = verifier.verify(other().token().subject("bob").audience("my-app")
                        .claim("groups", List.of("dev")).sign());
                assertThat(second.user().username()).isEqualTo("second:bob");
                assertThat(second.user().groups()).containsExactly("second:dev");
                assertThat(second.issuer()).isEqualTo(other().issuer());
            }
        }

        @Test
        void anUnknownIssuerOrAnotherIssuersKeyIsRefused() {
            assertThat(refusal(verifier(yaml), issuer().token().issuer("https://elsewhere.example").subject("a")
                    .audience("my-app").sign())).isEqualTo(Reason.WRONG_ISSUER);
            assertThat(refusal(verifier(yaml), other().token().issuer(issuer().issuer().toString()).subject("a")
                    .audience("my-app").sign())).isEqualTo(Reason.BAD_SIGNATURE);
        }

        @Test
        void aDiscoveryUrlFindsKeysElsewhereForTheConfiguredIssuer() {
            try (FakeOidcIssuer host = FakeOidcIssuer.builder().clock(CLOCK).build()) {
                host.advertiseIssuer("https://login.example.com");
                String discovery = config("""
                        - issuer:
                            url: https://login.example.com
                            discoveryURL: %s/.well-known/openid-configuration
                            audiences: [my-app, other-app]
                            audienceMatchPolicy: MatchAny
                            certificateAuthority: |
                        %s  claimMappings:
                            username: {claim: sub, prefix: ''}
                        """.formatted(host.issuer(), host.certificatePem().strip().indent(6)));
                try (StructuredOidcVerifier verifier = verifier(discovery)) {
                    assertThat(verifier.verify(host.token().issuer("https://login.example.com").subject("carol")
                            .audience("other-app").sign()).user().username()).isEqualTo("carol");
                }
            }
        }
    }

    @Nested
    class Expressions {
        String with(String mappings) {
            return config(jwt(issuer(), mappings));
        }

        @Test
        void anExpressionThatFailsOnATokenRefusesItInsteadOfCrashing() {
            String yaml = with("claimMappings:\n  username: {expression: 'claims.nickname'}\n");

            assertThat(refusal(verifier(yaml), issuer().token().subject("a").audience("my-app").sign())).isEqualTo(Reason.EXPRESSION);
            assertThat(refusal(verifier(yaml), issuer().token().subject("a").audience("my-app").claim("nickname", 42).sign()))
                    .as("a username that is not a string").isEqualTo(Reason.EXPRESSION);
            assertThat(refusal(verifier(yaml), issuer().token().subject("a").audience("my-app").claim("nickname", "").sign()))
                    .isEqualTo(Reason.USERNAME_CLAIM);
        }

        @Test
        void groupsAndExtraTakeAStringOrAListOfStringsAndDropEmptyValues() {
            String yaml = with("""
                    claimMappings:
                      username: {claim: sub, prefix: ''}
                      groups: {expression: 'claims.teams.map(t, t == "" ? "" : "team:" + t)'}
                      extra:
                      - {key: example.com/level, valueExpression: 'claims.?level.orValue("")'}
                      - {key: example.com/region, valueExpression: '"eu"'}
                    """);
            try (StructuredOidcVerifier verifier = verifier(yaml)) {
                KubernetesUser user = verifier.verify(issuer().token().subject("a").audience("my-app")
                        .claim("teams", List.of("red", "", "blue")).sign()).user();
                assertThat(user.groups()).containsExactly("team:red", "team:blue");
                assertThat(user.extra()).containsExactly(Map.entry("example.com/region", List.of("eu")));
            }
            assertThat(refusal(verifier(yaml), issuer().token().subject("a").audience("my-app")
                    .claim("teams", List.of(1, 2)).sign())).isEqualTo(Reason.EXPRESSION);
        }

        @Test
        void anEvaluationOverTheIterationLimitRefusesTheToken() {
            String yaml = with("""
                    claimValidationRules:
                    - expression: 'claims.tags.all(a, claims.tags.all(b, a != b || a == b))'
                    claimMappings:
                      username: {claim: sub, prefix: ''}
                    """);
            List<String> small = Collections.nCopies(50, "t");
            List<String> large = Collections.nCopies(150, "t");
            try (StructuredOidcVerifier verifier = verifier(yaml)) {
                assertThat(verifier.verify(issuer().token().subject("a").audience("my-app").claim("tags", small).sign())
                        .user().username()).isEqualTo("a");
            }
            InvalidOidcTokenException e = refused(verifier(yaml),
                    issuer().token().subject("a").audience("my-app").claim("tags", large).sign());
            assertThat(e.reason()).isEqualTo(Reason.EXPRESSION);
            assertThat(e).hasMessageContaining("jwt[0].claimValidationRules[0].expression").hasMessageContaining("10000");
        }

        @Test
        void anEmailUsernameNeedsEmailVerifiedAndTheRuleDecides() {
            String yaml = with("""
                    claimValidationRules:
                    - expression: 'claims.?email_verified.orValue(true) == true'
                      message: the email is not verified
                    claimMappings:
                      username: {expression: 'claims.email'}
                    """);
            try (StructuredOidcVerifier verifier = verifier(yaml)) {
                assertThat(verifier.verify(issuer().token().subject("a").audience("my-app").claim("email", "a@example.com")
                        .sign()).user().username()).isEqualTo("a@example.com");
            }
            assertThat(refusal(verifier(yaml), issuer().token().subject("a").audience("my-app").claim("email", "a@example.com")
                    .claim("email_verified", false).sign())).isEqualTo(Reason.CLAIM_VALIDATION);
        }
    }

    @Nested
    class ClaimMappingsWithoutExpressions {
        final String yaml = config(jwt(issuer(), """
                claimValidationRules:
                - {claim: hd, requiredValue: example.com}
                claimMappings:
                  username: {claim: email, prefix: ''}
                  groups: {claim: groups, prefix: 'oidc:'}
                  uid: {claim: oid}
                """));

        @Test
        void claimsArePrefixedAsConfiguredAndEmailVerifiedIsEnforced() {
            try (StructuredOidcVerifier verifier = verifier(yaml)) {
                KubernetesUser user = verifier.verify(issuer().token().subject("a").audience("my-app").claim("hd", "example.com")
                        .claim("email", "a@example.com").claim("groups", "dev").claim("oid", "42").sign()).user();
                assertThat(user).isEqualTo(new KubernetesUser("a@example.com", "42", List.of("oidc:dev"), Map.of()));
            }
            assertThat(refusal(verifier(yaml), issuer().token().subject("a").audience("my-app").claim("hd", "example.com")
                    .claim("email", "a@example.com").claim("email_verified", false).claim("oid", "42").sign()))
                    .isEqualTo(Reason.EMAIL_NOT_VERIFIED);
            assertThat(refusal(verifier(yaml), issuer().token().subject("a").audience("my-app").claim("hd", "example.com")
                    .claim("email", "a@example.com").sign())).isEqualTo(Reason.UID_CLAIM);
            assertThat(refusal(verifier(yaml), issuer().token().subject("a").audience("other").sign()))
                    .isEqualTo(Reason.WRONG_AUDIENCE);
        }
    }

    @Test
    void theBuilderRefusesAMissingOrBrokenConfiguration() {
        assertThatThrownBy(() -> StructuredOidcVerifier.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("configuration is required");
        assertThatThrownBy(() -> StructuredOidcVerifier.builder().configuration(AuthenticationConfiguration.of(
                AuthenticationConfiguration.JwtAuthenticator.of(
                        AuthenticationConfiguration.Issuer.of(java.net.URI.create("http://insecure.example"), "a"),
                        AuthenticationConfiguration.ClaimMappings.username(new AuthenticationConfiguration.ClaimOrExpression.Claim("sub", ""))))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jwt[0].issuer.url");
    }
}
