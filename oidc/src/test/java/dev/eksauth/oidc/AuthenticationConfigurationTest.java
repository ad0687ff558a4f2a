package dev.eksauth.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.eksauth.oidc.AuthenticationConfiguration.AudienceMatchPolicy;
import dev.eksauth.oidc.AuthenticationConfiguration.ClaimOrExpression;
import dev.eksauth.oidc.AuthenticationConfiguration.ClaimValidationRule;
import dev.eksauth.oidc.AuthenticationConfiguration.ExtraMapping;
import dev.eksauth.oidc.AuthenticationConfiguration.JwtAuthenticator;
import dev.eksauth.oidc.AuthenticationConfiguration.UserValidationRule;

class AuthenticationConfigurationTest {
    static final String HEAD = "apiVersion: apiserver.config.k8s.io/v1\nkind: AuthenticationConfiguration\n";

    /** The problems of a v1 document with one authenticator whose body is given (indented by two). */
    static List<String> problems(String authenticator) {
        return problemsOf(HEAD + "jwt:\n- " + authenticator.strip().indent(2).substring(2));
    }

    static List<String> problemsOf(String document) {
        try {
            AuthenticationConfiguration.parse(document);
        } catch (InvalidAuthenticationConfigurationException e) {
            return e.problems();
        }
        throw new AssertionError("the configuration was accepted");
    }

    static final String ISSUER = "issuer: {url: 'https://login.example.com', audiences: [k8s]}\n";
    static final String SUB = "claimMappings:\n  username: {claim: sub, prefix: ''}\n";

    @Nested
    class Reading {
        @Test
        void readsEveryFieldTheApiServerReadsFromV1YamlAndV1beta1Json() {
            AuthenticationConfiguration yaml = AuthenticationConfiguration.parse(HEAD + """
                    jwt:
                    - issuer:
                        url: https://login.example.com
                        discoveryURL: https://discovery.example.com/.well-known/openid-configuration
                        audiences: [my-app, my-other-app]
                        audienceMatchPolicy: MatchAny
                        egressSelectorType: controlplane
                      claimValidationRules:
                      - claim: hd
                        requiredValue: example.com
                      - expression: 'claims.exp - claims.nbf <= 86400'
                        message: total token lifetime must not exceed 24 hours
                      claimMappings:
                        username: {claim: sub, prefix: ''}
                        groups: {expression: 'claims.roles.split(",")'}
                        uid: {claim: sub}
                        extra:
                        - key: example.com/tenant
                          valueExpression: claims.tenant
                      userValidationRules:
                      - expression: "!user.username.startsWith('system:')"
                        message: 'username cannot used reserved system: prefix'
                    anonymous: {enabled: false}
                    """);

            JwtAuthenticator a = yaml.jwt().get(0);
            assertThat(a.issuer().url()).isEqualTo(URI.create("https://login.example.com"));
            assertThat(a.issuer().discoveryUrl()).contains(URI.create("https://discovery.example.com/.well-known/openid-configuration"));
            assertThat(a.issuer().audiences()).containsExactly("my-app", "my-other-app");
            assertThat(a.issuer().audienceMatchPolicy()).contains(AudienceMatchPolicy.MATCH_ANY);
            assertThat(a.claimValidationRules()).containsExactly(new ClaimValidationRule.RequiredValue("hd", "example.com"),
                    new ClaimValidationRule.Expression("claims.exp - claims.nbf <= 86400",
                            "total token lifetime must not exceed 24 hours"));
            assertThat(a.claimMappings().username()).isEqualTo(new ClaimOrExpression.Claim("sub", ""));
            assertThat(a.claimMappings().groups()).contains(new ClaimOrExpression.Expression("claims.roles.split(\",\")"));
            assertThat(a.claimMappings().uid()).contains(new ClaimOrExpression.Claim("sub", ""));
            assertThat(a.claimMappings().extra()).containsExactly(new ExtraMapping("example.com/tenant", "claims.tenant"));
            assertThat(a.userValidationRules()).containsExactly(new UserValidationRule("!user.username.startsWith('system:')",
                    "username cannot used reserved system: prefix"));

            AuthenticationConfiguration json = AuthenticationConfiguration.parse("""
                    {"apiVersion": "apiserver.config.k8s.io/v1beta1", "kind": "AuthenticationConfiguration",
                     "jwt": [{"issuer": {"url": "https://login.example.com", "audiences": ["k8s"]},
                              "claimMappings": {"username": {"claim": "email", "prefix": ""}}}]}
                    """);
            assertThat(json.jwt().get(0).issuer()).isEqualTo(AuthenticationConfiguration.Issuer.of(
                    URI.create("https://login.example.com"), "k8s"));
        }

        @Test
        void readsAFileAndNamesOneThatCannotBeRead(@TempDir Path dir) throws Exception {
            Path file = Files.writeString(dir.resolve("auth.yaml"), HEAD + "jwt:\n- " + ISSUER + "  " + SUB.replace("\n  ", "\n    "));
            assertThat(AuthenticationConfiguration.read(file).jwt()).hasSize(1);

            assertThatThrownBy(() -> AuthenticationConfiguration.read(dir.resolve("missing.yaml")))
                    .isInstanceOf(InvalidAuthenticationConfigurationException.class).hasMessageContaining("missing.yaml");
        }

        @Test
        void refusesWhatIsNotAnAuthenticationConfigurationOfTheRightShape() {
            assertThat(problemsOf("apiVersion: apiserver.config.k8s.io/v1alpha2\nkind: Other\n"))
                    .anyMatch(p -> p.startsWith("apiVersion:")).anyMatch(p -> p.startsWith("kind:"));
            assertThat(problemsOf("{not json")).singleElement().asString().startsWith("not JSON");
            assertThat(problemsOf("a: [unclosed")).singleElement().asString().startsWith("not YAML");
            assertThat(problemsOf(HEAD + "jwt:\n- issuer: {url: 'https://a.example', audience: [k8s]}\n  " + SUB.replace("\n  ", "\n    ")))
                    .contains("jwt[0].issuer.audience: unknown field");
            assertThat(problemsOf(HEAD + "jwt: {}\n")).containsExactly("jwt: must be a list");
            assertThat(problemsOf(HEAD + "a: &a [x]\nb: *a\nc: *a\n" + "jwt:\n- {issuer: {url: 'https://a.example', audiences: [k8s]}}\n"))
                    .contains("a: unknown field", "jwt[0].claimMappings: Required value");
        }
    }

    @Nested
    class WhatTheApiServerRefusesAtStartUp {
        @Test
        void issuerUrlsMustBeHttpsUniqueAndDifferentFromTheDiscoveryUrl() {
            assertThat(problems("issuer: {url: 'http://login.example.com', audiences: [k8s]}\n" + SUB))
                    .containsExactly("jwt[0].issuer.url: URL scheme must be https, with a host: 'http://login.example.com'");
            assertThat(problems("issuer: {url: 'login.example.com', audiences: [k8s]}\n" + SUB))
                    .containsExactly("jwt[0].issuer.url: URL scheme must be https, with a host: 'login.example.com'");
            assertThat(problems("issuer: {url: 'https://u:p@login.example.com?x=1', audiences: [k8s]}\n" + SUB))
                    .anyMatch(p -> p.contains("username or password")).anyMatch(p -> p.contains("query"))
                    .noneMatch(p -> p.contains("u:p"));
            assertThat(problems("issuer: {url: 'https://a.example', discoveryURL: 'https://a.example/', audiences: [k8s]}\n" + SUB))
                    .containsExactly("jwt[0].issuer.discoveryURL: discoveryURL must be different from URL");
            String one = "- " + ISSUER + "  " + SUB.replace("\n  ", "\n    ");
            assertThat(problemsOf(HEAD + "jwt:\n" + one + one)).singleElement().asString()
                    .startsWith("jwt[1].issuer.url: Duplicate value");
        }

        @Test
        void audiencesAreRequiredAndSeveralNeedMatchAny() {
            assertThat(problems("issuer: {url: 'https://a.example'}\n" + SUB))
                    .containsExactly("jwt[0].issuer.audiences: Required value: at least one audience is required");
            assertThat(problems("issuer: {url: 'https://a.example', audiences: [a, b]}\n" + SUB))
                    .containsExactly("jwt[0].issuer.audienceMatchPolicy: audienceMatchPolicy must be MatchAny for multiple audiences");
            assertThat(problems("issuer: {url: 'https://a.example', audiences: [a, a], audienceMatchPolicy: MatchAll}\n" + SUB))
                    .anyMatch(p -> p.startsWith("jwt[0].issuer.audienceMatchPolicy: unsupported value"));
            assertThat(problems("issuer: {url: 'https://a.example', audiences: [k8s], certificateAuthority: 'not PEM'}\n" + SUB))
                    .singleElement().asString().startsWith("jwt[0].issuer.certificateAuthority:");
        }

        @Test
        void mappingsNeedAClaimOrAnExpressionAndAPrefixWithAClaim() {
            assertThat(problems(ISSUER + "claimMappings:\n  username: {claim: sub}\n"))
                    .singleElement().asString().startsWith("jwt[0].claimMappings.username.prefix: prefix is required");
            assertThat(problems(ISSUER + "claimMappings:\n  username: {claim: sub, expression: claims.sub}\n"))
                    .containsExactly("jwt[0].claimMappings.username: claim and expression can't both be set");
            assertThat(problems(ISSUER + "claimMappings:\n  username: {expression: claims.sub, prefix: 'x:'}\n"))
                    .containsExactly("jwt[0].claimMappings.username.prefix: may not be specified when expression is set");
            assertThat(problems(ISSUER + "claimMappings:\n  groups: {claim: groups, prefix: ''}\n"))
                    .containsExactly("jwt[0].claimMappings.username: claim or expression is required");
            assertThat(problems(ISSUER + "claimValidationRules:\n- {claim: hd, message: m}\n- {expression: 'true', requiredValue: x}\n"
                    + SUB)).containsExactly(
                    "jwt[0].claimValidationRules[0].message: may not be specified when claim is set",
                    "jwt[0].claimValidationRules[1].requiredValue: may not be specified when expression is set");
            assertThat(problems(ISSUER + "claimValidationRules:\n- {claim: hd, requiredValue: x}\n- {expression: 'true'}\n"
                    + "- {claim: hd, requiredValue: y}\n- {expression: 'true'}\n" + SUB)).containsExactly(
                    "jwt[0].claimValidationRules[2].claim: Duplicate value: 'hd'",
                    "jwt[0].claimValidationRules[3].expression: Duplicate value: 'true'");
        }

        @Test
        void aUsernameWithoutAValueIsRequiredAndDoesNotDropItsAuthenticator() {
            assertThat(problems(ISSUER + "claimMappings:\n  username:\n"))
                    .containsExactly("jwt[0].claimMappings.username: claim or expression is required");
        }

        @Test
        void extraKeysAreLowerCaseDomainPrefixedPathsOutsideKubernetesDomains() {
            String extra = ISSUER + SUB + "  extra:\n"
                    + "  - {key: tenant, valueExpression: claims.t}\n"
                    + "  - {key: Example.com/t, valueExpression: claims.t}\n"
                    + "  - {key: sso.kubernetes.io/t, valueExpression: claims.t}\n"
                    + "  - {key: example.com/t, valueExpression: claims.t}\n"
                    + "  - {key: example.com/t, valueExpression: claims.u}\n"
                    + "  - {key: example.com/u}\n";
            assertThat(problems(extra)).containsExactly(
                    "jwt[0].claimMappings.extra[0].key: must be a domain-prefixed path (such as \"acme.io/foo\"), was 'tenant'",
                    "jwt[0].claimMappings.extra[1].key: must be a domain-prefixed path (such as \"acme.io/foo\"), was 'Example.com/t'",
                    "jwt[0].claimMappings.extra[2].key: k8s.io, kubernetes.io and their subdomains are reserved for Kubernetes use",
                    "jwt[0].claimMappings.extra[4].key: Duplicate value: 'example.com/t'",
                    "jwt[0].claimMappings.extra[5].valueExpression: Required value");
        }

        @Test
        void expressionsThatDoNotCompileOrAreMistypedAreRefusedWithTheirField() {
            assertThat(problems(ISSUER + "claimMappings:\n  username: {expression: 'claims.sub +'}\n"))
                    .singleElement().asString().startsWith("jwt[0].claimMappings.username.expression: Invalid value")
                    .contains("compilation failed");
            assertThat(problems(ISSUER + "claimValidationRules:\n- expression: claims.sub\n" + SUB))
                    .singleElement().asString().startsWith("jwt[0].claimValidationRules[0].expression")
                    .contains("must evaluate to bool");
            assertThat(problems(ISSUER + SUB + "userValidationRules:\n- expression: 'user.username + 1 == \"x\"'\n"
                    + "- expression: 'user.nickname == \"x\"'\n- expression: \"url('https://a').getHost() == 'a'\"\n"))
                    .hasSize(3).allMatch(p -> p.startsWith("jwt[0].userValidationRules[") && p.contains("compilation failed"));
        }

        @Test
        void aUsernameFromClaimsEmailNeedsClaimsEmailVerifiedSomewhere() {
            assertThat(problems(ISSUER + "claimMappings:\n  username: {expression: 'claims.email'}\n"))
                    .singleElement().asString().startsWith("jwt[0].claimMappings.username.expression: claims.email_verified must be used");
            assertThat(AuthenticationConfiguration.parse(HEAD + "jwt:\n- " + ISSUER
                    + "  claimMappings:\n    username: {expression: 'claims.email'}\n"
                    + "    extra:\n    - {key: example.com/verified, valueExpression: 'string(claims.?email_verified.orValue(false))'}\n")
                    .jwt()).hasSize(1);
        }
    }

    @Test
    void recordsCopyTheirCollectionsAndAnIssuerDoesNotShowItsCertificate() {
        List<String> audiences = new java.util.ArrayList<>(List.of("a"));
        AuthenticationConfiguration.Issuer issuer = new AuthenticationConfiguration.Issuer(URI.create("https://a.example"),
                Optional.empty(), audiences, Optional.empty(), Optional.of("-----BEGIN CERTIFICATE-----\nMIIB\n"));
        audiences.add("b");
        assertThat(issuer.audiences()).containsExactly("a");
        assertThat(issuer.toString()).contains("(PEM)").doesNotContain("MIIB");
    }
}
