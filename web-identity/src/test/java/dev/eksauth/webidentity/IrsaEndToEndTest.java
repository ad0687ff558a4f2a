package dev.eksauth.webidentity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.eksauth.core.CallerIdentity;
import dev.eksauth.oidc.OidcVerificationException;
import dev.eksauth.oidc.OidcVerifier;
import dev.eksauth.oidc.SystemNames;
import dev.eksauth.testkit.FakeOidcIssuer;
import dev.eksauth.testkit.FakeSts;
import dev.eksauth.token.EksTokenVerifier;
import software.amazon.awssdk.regions.Region;

/**
 * The whole IRSA loop on loopback: a cluster's OIDC issuer mints a projected service-account token,
 * STS trusts only what the issuer signed (checked here with {@link OidcVerifier}, as IAM's OIDC
 * provider does), the pod exchanges the token for role credentials, and the EKS token it then signs
 * verifies as the role session.
 */
class IrsaEndToEndTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/payments-api";

    private final FakeOidcIssuer cluster = FakeOidcIssuer.create();
    private final OidcVerifier iamOidcProvider = OidcVerifier.builder().issuer(cluster.issuer())
            .clientId("sts.amazonaws.com").usernamePrefix("-").systemNames(SystemNames.ALLOW)
            .trustedCertificatesPem(cluster.certificatePem()).build();
    private final FakeSts sts = FakeSts.builder().webIdentityTokenValidator(this::signedByTheCluster).build();
    private final EksTokenVerifier eks = EksTokenVerifier.builder().clusterId("prod")
            .stsEndpointOverride(sts.endpoint()).requestTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        sts.close();
        iamOidcProvider.close();
        cluster.close();
    }

    private boolean signedByTheCluster(String token) {
        try {
            return iamOidcProvider.verify(token).serviceAccount().isFor("payments", "api");
        } catch (OidcVerificationException e) {
            return false;
        }
    }

    private String serviceAccountToken() {
        return cluster.token().audience("sts.amazonaws.com").serviceAccount("payments", "api").pod("api-0", "pod-1").sign();
    }

    @Test
    void aPodsProjectedTokenBecomesAnEksTokenForItsRole() throws Exception {
        Path tokenFile = Files.writeString(dir.resolve("token"), serviceAccountToken());
        WebIdentitySettings settings = WebIdentitySettings.fromEnvironment(
                name -> switch (name) {
                    case "AWS_WEB_IDENTITY_TOKEN_FILE" -> tokenFile.toString();
                    case "AWS_ROLE_ARN" -> ROLE;
                    case "AWS_ROLE_SESSION_NAME" -> "api-0";
                    case "AWS_REGION" -> "eu-west-1";
                    default -> null;
                },
                name -> null);
        try (WebIdentity irsa = WebIdentity.of(WebIdentityCredentialsProvider.builder().settings(settings)
                .stsEndpointOverride(sts.endpoint()).build())) {
            CallerIdentity who = eks.verify(irsa.eksToken("prod").value());

            assertThat(who.arn()).hasToString("arn:aws:sts::123456789012:assumed-role/payments-api/api-0");
            assertThat(who.canonicalArn()).hasToString(ROLE);
            assertThat(who.stsEndpoint()).isEqualTo("sts.eu-west-1.amazonaws.com");
        }
    }

    @Test
    void aTokenTheClusterDidNotSignGetsNoCredentials() throws Exception {
        String forged = cluster.token().audience("sts.amazonaws.com")
                .serviceAccount("payments", "api").pod("api-0", "pod-1")
                .signedBy(FakeOidcIssuer.unpublishedKey(dev.eksauth.core.SigningAlgorithm.RS256)).sign();
        try (WebIdentityCredentialsProvider credentials = WebIdentityCredentialsProvider.builder()
                .tokenSource(WebIdentityTokenSource.of(forged)).roleArn(ROLE).region(Region.EU_WEST_1)
                .stsEndpointOverride(sts.endpoint()).build()) {
            assertThatThrownBy(credentials::resolveCredentials)
                    .isInstanceOfSatisfying(InvalidWebIdentityException.class, e -> {
                assertThat(e.reason()).isEqualTo(InvalidWebIdentityException.Reason.STS_REJECTED);
                assertThat(e.getMessage()).doesNotContain(forged);
            });
        }
    }
}
