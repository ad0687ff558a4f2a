package dev.eksauth.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eksauth.core.SigningAlgorithm;

import dev.eksauth.testkit.FakeOidcIssuer;
import dev.eksauth.testkit.MutableClock;
import dev.eksauth.testkit.OidcTokenBuilder;

class OidcVerifyCommandTest {
    static final MutableClock CLOCK = MutableClock.at("2026-11-23T10:00:00Z");
    static FakeOidcIssuer issuer;
    static Path caFile;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        issuer = FakeOidcIssuer.builder().algorithms(SigningAlgorithm.RS256, SigningAlgorithm.ES256).clock(CLOCK).build();
        caFile = Files.writeString(dir.resolve("issuer-ca.pem"), issuer.certificatePem());
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    static OidcTokenBuilder token() {
        return issuer.token().subject("alice-id").audience("kubernetes");
    }

    static Shell.Result oidcVerify(String stdin, String... args) {
        List<String> all = new ArrayList<>(List.of("oidc-verify", "--issuer", issuer.issuer().toString(), "--client-id",
                "kubernetes", "--ca-file", caFile.toString()));
        all.addAll(List.of(args));
        return new Shell().clock(CLOCK).stdin(stdin).run(all.toArray(String[]::new));
    }

    @Test
    void printsTheKubernetesUserOfAValidTokenAsJson() {
        String jwt = token().claim("groups", List.of("dev", "ops")).sign();

        Shell.Result r = oidcVerify(jwt + "\n", "--groups-claim", "groups", "--groups-prefix", "oidc:");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        JsonNode user = Fixtures.json(r.out());
        assertThat(user.path("username").asText()).isEqualTo(issuer.issuer() + "#alice-id");
        assertThat(user.path("uid").asText()).isEqualTo("alice-id");
        assertThat(user.path("groups")).extracting(JsonNode::asText).containsExactly("oidc:dev", "oidc:ops");
        assertThat(user.path("extra").path("eksauth.dev/oidc-issuer").get(0).asText()).isEqualTo(issuer.issuer().toString());
        assertThat(user.path("issuer").asText()).isEqualTo(issuer.issuer().toString());
        assertThat(user.path("subject").asText()).isEqualTo("alice-id");
        assertThat(user.path("expiresAt").asText()).isEqualTo("2026-11-23T11:00:00Z");
        assertThat(user.path("claims").path("aud").asText()).isEqualTo("kubernetes");
        assertThat(r.out()).doesNotContain(jwt.substring(jwt.lastIndexOf('.') + 1));
    }

    @Test
    void takesTheTokenAsAnArgumentAndAppliesClaimAndPrefixOptions() {
        String jwt = token().claim("email", "alice@example.com").claim("email_verified", true).claim("tenant", "blue")
                .signedBy(issuer.currentKey(SigningAlgorithm.ES256)).sign();

        Shell.Result r = oidcVerify("", "--username-claim", "email", "--required-claim", "tenant=blue",
                "--signing-alg", "RS256,ES256", jwt);

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Fixtures.json(r.out()).path("username").asText()).isEqualTo("alice@example.com");
        assertThat(Fixtures.json(oidcVerify("", "--username-prefix", "corp:", jwt, "--signing-alg", "ES256").out())
                .path("username").asText()).isEqualTo("corp:alice-id");
    }

    @Test
    void aRefusedTokenExitsOneWithOneLineSayingWhyWithoutTheToken() {
        String expired = token().expiresAt(CLOCK.instant().minusSeconds(1)).sign();
        String wrongAudience = issuer.token().subject("alice-id").audience("someone-else").sign();
        String unsigned = token().unsigned().sign();

        for (String jwt : List.of(expired, wrongAudience, unsigned, "not.a.jwt")) {
            Shell.Result r = oidcVerify(jwt);

            assertThat(r.code()).isEqualTo(ExitCode.DENIED);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().lines()).hasSize(1).first().asString().startsWith("eksauth oidc-verify: token refused (");
            assertThat(r.err()).doesNotContain(jwt);
        }
        assertThat(oidcVerify(expired).err()).contains("(EXPIRED)");
        assertThat(oidcVerify(wrongAudience).err()).contains("(WRONG_AUDIENCE)");
        assertThat(oidcVerify(token().sign(), "--required-claim", "tenant=blue").err()).contains("(REQUIRED_CLAIM)");
        assertThat(oidcVerify(token().signedBy(issuer.currentKey(SigningAlgorithm.ES256)).sign()).err())
                .contains("(ALGORITHM_NOT_ALLOWED)");
    }

    @Test
    void anIssuerWhoseCertificateIsNotTrustedIsUnavailableAndExitsThree() {
        Shell.Result r = new Shell().clock(CLOCK).run("oidc-verify", "--issuer", issuer.issuer().toString(), "--client-id",
                "kubernetes", token().sign());

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.STS_UNAVAILABLE);
        assertThat(r.err()).startsWith("eksauth oidc-verify: issuer unavailable: ").contains(issuer.issuer().toString());
    }

    @Test
    void badSettingsAreUsageErrorsAndAMissingCaFileIsBadInput(@TempDir Path dir) {
        String jwt = token().sign();

        Shell.Result http = new Shell().run("oidc-verify", "--issuer", "http://example.com", "--client-id", "k", jwt);
        assertThat(http.code()).isEqualTo(ExitCode.USAGE);
        assertThat(http.err()).contains("issuer must be an https URL");
        Shell.Result notUrl = new Shell().run("oidc-verify", "--issuer", "https://issuer example", "--client-id", "k", jwt);
        assertThat(notUrl.code()).isEqualTo(ExitCode.USAGE);
        assertThat(notUrl.err()).contains("--issuer");

        Shell.Result system = oidcVerify(jwt, "--username-prefix", "system:admin");
        assertThat(system.code()).isEqualTo(ExitCode.USAGE);
        assertThat(system.err()).contains("system:");

        assertThat(oidcVerify(jwt, "--signing-alg", "HS256").code()).isEqualTo(ExitCode.USAGE);
        assertThat(oidcVerify(jwt, "--required-claim", "novalue").code()).isEqualTo(ExitCode.USAGE);
        assertThat(new Shell().run("oidc-verify", "--client-id", "k", jwt).code()).isEqualTo(ExitCode.USAGE);

        Shell.Result noCa = new Shell().run("oidc-verify", "--issuer", issuer.issuer().toString(), "--client-id", "kubernetes",
                "--ca-file", dir.resolve("missing.pem").toString(), jwt);
        assertThat(noCa.code()).isEqualTo(ExitCode.INPUT);
        assertThat(noCa.err()).contains("missing.pem");
    }

    @Nested
    class WithAnAuthenticationConfiguration {
        Path config(Path dir, String mappings) throws Exception {
            return Files.writeString(dir.resolve("authentication-config.yaml"), """
                    apiVersion: apiserver.config.k8s.io/v1
                    kind: AuthenticationConfiguration
                    jwt:
                    - issuer:
                        url: %s
                        audiences: [my-app]
                        certificateAuthority: |
                    %s%s""".formatted(issuer.issuer(), issuer.certificatePem().strip().indent(6), mappings.indent(2)));
        }

        static final String MAPPINGS = """
                claimMappings:
                  username: {expression: 'claims.username + ":external-user"'}
                  groups: {expression: 'claims.roles.split(",")'}
                  uid: {claim: sub}
                  extra:
                  - {key: example.com/tenant, valueExpression: claims.tenant}
                """;

        @Test
        void printsTheUserTheConfigurationMaps(@TempDir Path dir) throws Exception {
            String jwt = issuer.token().subject("auth").audience("my-app").claim("username", "foo").claim("roles", "user,admin")
                    .claim("tenant", "t-1").sign();

            Shell.Result r = new Shell().clock(CLOCK).stdin(jwt).run("oidc-verify", "--authentication-config",
                    config(dir, MAPPINGS).toString(), "-");

            assertThat(r.code()).as(r.err()).isZero();
            JsonNode user = Fixtures.json(r.out());
            assertThat(user.path("username").asText()).isEqualTo("foo:external-user");
            assertThat(user.path("uid").asText()).isEqualTo("auth");
            assertThat(user.path("groups")).extracting(JsonNode::asText).containsExactly("user", "admin");
            assertThat(user.path("extra").path("example.com/tenant").get(0).asText()).isEqualTo("t-1");
        }

        @Test
        void aRefusedTokenExitsOneAndAnUnreachableIssuerThree(@TempDir Path dir) throws Exception {
            Path file = config(dir, MAPPINGS);
            String missingClaim = issuer.token().subject("auth").audience("my-app").sign();
            Shell.Result refused = new Shell().clock(CLOCK).run("oidc-verify", "--authentication-config", file.toString(),
                    missingClaim);
            assertThat(refused.code()).isEqualTo(ExitCode.DENIED);
            assertThat(refused.err()).contains("(EXPRESSION)").doesNotContain(missingClaim);

            String system = issuer.token().subject("auth").audience("my-app").claim("username", "x").claim("roles", "system:masters")
                    .claim("tenant", "t").sign();
            assertThat(new Shell().clock(CLOCK).run("oidc-verify", "--authentication-config", file.toString(), system).err())
                    .contains("(SYSTEM_NAME)");
            assertThat(new Shell().clock(CLOCK).run("oidc-verify", "--authentication-config", file.toString(),
                    "--allow-system-names", system).code()).isZero();

            Path elsewhere = Files.writeString(dir.resolve("elsewhere.yaml"), Files.readString(file)
                    .replace(issuer.issuer().toString(), "https://127.0.0.1:1"));
            String unreachable = issuer.token().issuer("https://127.0.0.1:1").subject("a").audience("my-app").sign();
            Shell.Result down = new Shell().clock(CLOCK).run("oidc-verify", "--authentication-config", elsewhere.toString(),
                    unreachable);
            assertThat(down.code()).as(down.err()).isEqualTo(ExitCode.STS_UNAVAILABLE);
        }

        @Test
        void aBadFileIsBadInputAndMixingOptionsIsAUsageError(@TempDir Path dir) throws Exception {
            Shell.Result bad = new Shell().run("oidc-verify", "--authentication-config",
                    config(dir, "claimMappings:\n  username: {claim: sub}\n").toString(), "x");
            assertThat(bad.code()).isEqualTo(ExitCode.INPUT);
            assertThat(bad.err()).contains("jwt[0].claimMappings.username.prefix");
            assertThat(new Shell().run("oidc-verify", "--authentication-config", dir.resolve("none.yaml").toString(), "x").code())
                    .isEqualTo(ExitCode.INPUT);
            assertThat(new Shell().run("oidc-verify", "--authentication-config", config(dir, MAPPINGS).toString(),
                    "--issuer", issuer.issuer().toString(), "x").code()).isEqualTo(ExitCode.USAGE);
            assertThat(new Shell().run("oidc-verify", "x").code()).isEqualTo(ExitCode.USAGE);
        }
    }
}
