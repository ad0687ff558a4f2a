package dev.eksauth.oidc;

import static dev.eksauth.oidc.StructuredConfigs.CLOCK;
import static dev.eksauth.oidc.StructuredConfigs.config;
import static dev.eksauth.oidc.StructuredConfigs.jwt;
import static dev.eksauth.oidc.StructuredConfigs.verifier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.eksauth.oidc.InvalidOidcTokenException.Reason;
import dev.eksauth.testkit.FakeOidcIssuer;
import dev.eksauth.testkit.FakeOidcIssuerExtension;

/** Identities from outside cannot claim system: names unless the caller opts in. */
class SystemNamesTest {
    @RegisterExtension
    static final FakeOidcIssuerExtension ISSUER = FakeOidcIssuerExtension.create(fake -> fake.clock(CLOCK));

    static FakeOidcIssuer issuer() {
        return ISSUER.get();
    }

    @Nested
    class AnEksIdentityProvider {
        OidcVerifier.Builder verifier() {
            return OidcVerifier.builder().issuer(issuer().issuer()).clientId("kubernetes").usernamePrefix("-")
                    .groupsClaim("groups").trustedCertificatesPem(issuer().certificatePem()).clock(CLOCK);
        }

        String token(String subject, String... groups) {
            return issuer().token().subject(subject).audience("kubernetes").claim("groups", List.of(groups)).sign();
        }

        @Test
        void refusesASystemMastersGroupAndASystemAdminUsernameByDefault() {
            try (OidcVerifier v = verifier().build()) {
                InvalidOidcTokenException group = assertThrows(InvalidOidcTokenException.class,
                        () -> v.verify(token("alice", "dev", "system:masters")));
                assertThat(group.reason()).isEqualTo(Reason.SYSTEM_NAME);
                assertThat(group).hasMessageContaining("'system:masters'").hasMessageContaining("SystemNames.ALLOW");
                assertThat(assertThrows(InvalidOidcTokenException.class, () -> v.verify(token("system:admin"))).reason())
                        .isEqualTo(Reason.SYSTEM_NAME);
                assertThat(v.verify(token("alice", "dev", "oidc-system:masters")).user().groups())
                        .containsExactly("dev", "oidc-system:masters");
            }
        }

        @Test
        void acceptsThemOnlyWithTheOptIn() {
            try (OidcVerifier v = verifier().systemNames(SystemNames.ALLOW).build()) {
                assertThat(v.verify(token("alice", "system:masters")).user().groups()).containsExactly("system:masters");
                assertThat(v.verify(token("system:admin")).user().username()).isEqualTo("system:admin");
            }
        }

        @Test
        void aPrefixKeepsClaimValuesOutOfTheSystemNamespace() {
            try (OidcVerifier v = verifier().usernamePrefix("oidc:").groupsPrefix("oidc:").build()) {
                assertThat(v.verify(token("system:admin", "system:masters")).user().groups()).containsExactly("oidc:system:masters");
            }
        }
    }

    @Nested
    class AStructuredConfiguration {
        final String yaml = config(jwt(issuer(), """
                claimMappings:
                  username: {expression: 'claims.sub'}
                  groups: {expression: 'claims.groups'}
                """));

        String token(String subject, String... groups) {
            return issuer().token().subject(subject).audience("my-app").claim("groups", List.of(groups)).sign();
        }

        @Test
        void refusesSystemNamesFromExpressionsByDefaultAndAcceptsThemWithTheOptIn() {
            try (StructuredOidcVerifier v = verifier(yaml)) {
                assertThat(assertThrows(InvalidOidcTokenException.class, () -> v.verify(token("alice", "system:masters")))
                        .reason()).isEqualTo(Reason.SYSTEM_NAME);
                assertThat(assertThrows(InvalidOidcTokenException.class, () -> v.verify(token("system:admin"))).reason())
                        .isEqualTo(Reason.SYSTEM_NAME);
            }
            try (StructuredOidcVerifier v = verifier(yaml, SystemNames.ALLOW)) {
                assertThat(v.verify(token("system:admin", "system:masters")).user().groups()).containsExactly("system:masters");
            }
        }
    }
}
