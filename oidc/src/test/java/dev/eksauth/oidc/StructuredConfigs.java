package dev.eksauth.oidc;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import dev.eksauth.testkit.FakeOidcIssuer;
import dev.eksauth.testkit.OidcTokenBuilder;

/** Authentication configurations over the testkit's fake issuers, and the claims of the Kubernetes documentation's token. */
final class StructuredConfigs {
    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private StructuredConfigs() {
    }

    /** A v1 configuration of these authenticators ({@link #jwt} items). */
    static String config(String... authenticators) {
        return "apiVersion: apiserver.config.k8s.io/v1\nkind: AuthenticationConfiguration\njwt:\n" + String.join("", authenticators);
    }

    /** One authenticator for a fake issuer with audience {@code my-app}; {@code rest} is indented by two spaces. */
    static String jwt(FakeOidcIssuer issuer, String rest) {
        return "- issuer:\n"
                + "    url: " + issuer.issuer() + "\n"
                + "    audiences: [my-app]\n"
                + "    certificateAuthority: |\n" + issuer.certificatePem().strip().indent(6)
                + rest.indent(2);
    }

    static StructuredOidcVerifier verifier(String yaml) {
        return verifier(yaml, SystemNames.REFUSE);
    }

    static StructuredOidcVerifier verifier(String yaml, SystemNames systemNames) {
        return StructuredOidcVerifier.builder().configuration(AuthenticationConfiguration.parse(yaml))
                .systemNames(systemNames).clock(CLOCK).build();
    }

    /** The payload of the token in the Kubernetes documentation's examples, for {@code my-app}. */
    static OidcTokenBuilder documentationToken(FakeOidcIssuer issuer) {
        return issuer.token().audience("my-app").subject("auth").notBefore(NOW.minusSeconds(60))
                .expiresAt(NOW.plusSeconds(3600))
                .claim("jti", "7c337942807e73caa2c30c868ac0ce910bce02ddcbfebe8c23b8b5f27ad62873")
                .claim("roles", "user,admin").claim("tenant", "72f988bf-86f1-41af-91ab-2d7cd011db4a")
                .claim("username", "foo");
    }
}
