package dev.eksauth.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.eksauth.testkit.FakeOidcIssuer;

/** CEL and its dependencies stay out of a JVM whose configuration has no expression. */
class CelLoadingTest {
    /** Verifies one token with OidcVerifier and one with an expression-free configuration. */
    public static final class WithoutExpressions {
        public static void main(String[] args) {
            try (FakeOidcIssuer issuer = FakeOidcIssuer.create()) {
                String yaml = StructuredConfigs.config(StructuredConfigs.jwt(issuer, "claimMappings:\n  username: {claim: sub, prefix: ''}\n"));
                try (OidcVerifier plain = OidcVerifier.builder().issuer(issuer.issuer()).clientId("my-app")
                        .trustedCertificatesPem(issuer.certificatePem()).build();
                        StructuredOidcVerifier structured = StructuredOidcVerifier.create(AuthenticationConfiguration.parse(yaml))) {
                    String token = issuer.token().subject("alice").audience("my-app").sign();
                    System.out.println("verified " + plain.verify(token).subject() + " " + structured.verify(token).user().username());
                }
            }
        }
    }

    @Test
    void verifyingWithoutExpressionsLoadsNoCelClass() throws Exception {
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-verbose:class", "-cp", System.getProperty("java.class.path"), WithoutExpressions.class.getName()))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(output).contains("verified alice alice").contains("dev.eksauth.oidc.internal.JwtRules")
                .doesNotContain("dev.cel.").doesNotContain("com.google.common.").doesNotContain("com.google.protobuf.");
    }
}
