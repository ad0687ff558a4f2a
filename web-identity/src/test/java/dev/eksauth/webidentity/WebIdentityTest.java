package dev.eksauth.webidentity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.eksauth.core.CallerIdentity;
import dev.eksauth.core.PrincipalType;
import dev.eksauth.webidentity.InvalidWebIdentityException.Reason;
import dev.eksauth.testkit.FakeSts;
import dev.eksauth.token.EksToken;
import dev.eksauth.token.EksTokenGenerator;
import dev.eksauth.token.EksTokenVerifier;
import dev.eksauth.token.TokenGenerationException;
import software.amazon.awssdk.regions.Region;

class WebIdentityTest {
    static final String ROLE = "arn:aws:iam::123456789012:role/deployer";
    static final String ID_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvOmFjbWUvc2hvcCJ9.c2lnbmF0dXJl";

    final FakeSts sts = FakeSts.create();
    final EksTokenVerifier verifier = EksTokenVerifier.builder().clusterId("prod").stsEndpointOverride(sts.endpoint())
            .requestTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        sts.close();
    }

    WebIdentityCredentialsProvider.Builder credentials() {
        return WebIdentityCredentialsProvider.builder().roleArn(ROLE).roleSessionName("ci-run-42")
                .region(Region.US_WEST_2).stsEndpointOverride(sts.endpoint());
    }

    @Test
    void anEksTokenFromAnOidcTokenIdentifiesTheAssumedRoleSession() {
        try (WebIdentity identity = WebIdentity.of(credentials().tokenSource(WebIdentityTokenSource.of(ID_TOKEN))
                .build())) {
            EksToken token = identity.eksToken("prod");

            CallerIdentity who = verifier.verify(token.value());

            assertThat(who.principalType()).isEqualTo(PrincipalType.ASSUMED_ROLE);
            assertThat(who.arn()).hasToString("arn:aws:sts::123456789012:assumed-role/deployer/ci-run-42");
            assertThat(who.canonicalArn()).hasToString(ROLE);
            assertThat(who.sessionName()).contains("ci-run-42");
            assertThat(who.stsEndpoint()).isEqualTo("sts.us-west-2.amazonaws.com");
            assertThat(sts.webIdentityTokens()).containsExactly(ID_TOKEN);
        }
    }

    @Test
    void aGeneratorSignsManyTokensWithOneRoleSession() throws IOException {
        Path file = Files.writeString(dir.resolve("token"), ID_TOKEN + "\n");
        try (WebIdentity irsa = WebIdentity.of(credentials().tokenFile(file).build())) {
            EksTokenGenerator generator = irsa.eksTokenGenerator("prod");

            for (int i = 0; i < 5; i++) {
                assertThat(verifier.verify(generator.generate().value()).sessionName()).contains("ci-run-42");
            }
            assertThat(sts.requestCount("AssumeRoleWithWebIdentity")).isEqualTo(1);
            assertThat(generator.clusterId()).isEqualTo("prod");
        }
    }

    @Test
    void theGeneratorSignsForTheProvidersRegion() {
        try (WebIdentity identity = WebIdentity.of(credentials().region(Region.EU_CENTRAL_1)
                .tokenSource(WebIdentityTokenSource.of(ID_TOKEN)).build())) {
            assertThat(identity.eksTokenGenerator("prod").stsHost().hostname()).isEqualTo("sts.eu-central-1.amazonaws.com");
        }
    }

    @Test
    void theGeneratorBuilderTakesFurtherOptions() {
        try (WebIdentity identity = WebIdentity.of(credentials().tokenSource(WebIdentityTokenSource.of(ID_TOKEN))
                .build())) {
            EksTokenGenerator fips = identity.eksTokenGeneratorBuilder().clusterId("prod").fipsEnabled(true).build();

            assertThat(verifier.verify(fips.generate().value()).stsEndpoint()).isEqualTo("sts-fips.us-west-2.amazonaws.com");
        }
    }

    @Test
    void aRefusedOidcTokenSurfacesAsAnInvalidWebIdentity() throws IOException {
        try (FakeSts strict = FakeSts.builder().webIdentityTokenValidator(t -> false).build();
                WebIdentity identity = WebIdentity.of(credentials().stsEndpointOverride(strict.endpoint())
                        .tokenSource(WebIdentityTokenSource.of(ID_TOKEN)).build())) {
            assertThatThrownBy(() -> identity.eksToken("prod"))
                    .isInstanceOfSatisfying(InvalidWebIdentityException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.STS_REJECTED))
                    .hasMessageNotContaining(ID_TOKEN);
            assertThatThrownBy(() -> identity.eksTokenGenerator("prod").generate())
                    .isInstanceOf(TokenGenerationException.class).hasCauseInstanceOf(WebIdentityException.class)
                    .hasMessageNotContaining(ID_TOKEN);
        }
    }

    @Test
    void forTokenChecksItsArguments() {
        assertThatThrownBy(() -> WebIdentity.forToken(" ", ROLE))
                .isInstanceOfSatisfying(InvalidWebIdentityException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_TOKEN));
        assertThatThrownBy(() -> WebIdentity.forToken(ID_TOKEN, "arn:aws:iam::123456789012:user/ci"))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("roleArn");
    }

    @Test
    void toStringShowsNoToken() {
        try (WebIdentity identity = WebIdentity.of(credentials().tokenSource(WebIdentityTokenSource.of(ID_TOKEN))
                .build())) {
            assertThat(identity.toString()).contains(ROLE).doesNotContain(ID_TOKEN);
        }
    }
}
