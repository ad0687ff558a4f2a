package dev.eksauth.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.eksauth.core.CallerIdentity;
import dev.eksauth.testkit.FakeStsExtension;
import dev.eksauth.testkit.MutableClock;
import dev.eksauth.testkit.StsIdentity;
import dev.eksauth.token.EksTokenVerifier;

class TokenCommandTest {
    final MutableClock clock = Fixtures.clockAtNow();
    final StsIdentity alice = StsIdentity.user("111122223333", "alice");

    @RegisterExtension
    final FakeStsExtension sts = FakeStsExtension.create(fake -> fake.clock(clock).identity(alice));

    @TempDir
    Path home;

    Shell kubectl() {
        return new Shell().clock(clock).env(Fixtures.credentials(alice, "us-west-2"))
                .env("XDG_CACHE_HOME", home.resolve("cache").toString());
    }

    CallerIdentity verify(String token, String clusterId) {
        return EksTokenVerifier.builder().clusterId(clusterId).clock(clock).stsEndpointOverride(sts.get().endpoint()).build()
                .verify(token);
    }

    static String decodedUrl(String token) {
        return URLDecoder.decode(new String(Base64.getUrlDecoder().decode(token.substring("k8s-aws-v1.".length())),
                StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    @Nested
    class TheExecPluginContract {
        @Test
        void answersKubectlsV1RequestWithAV1ExecCredential() {
            Shell.Result r = kubectl().env("KUBERNETES_EXEC_INFO",
                    "{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1\","
                            + "\"spec\":{\"interactive\":false}}").run("token", "-i", "prod");

            assertThat(r.code()).isZero();
            assertThat(r.err()).isEmpty();
            JsonNode credential = Fixtures.json(r.out());
            assertThat(credential.path("kind").asText()).isEqualTo("ExecCredential");
            assertThat(credential.path("apiVersion").asText()).isEqualTo("client.authentication.k8s.io/v1");
            assertThat(Instant.parse(credential.path("status").path("expirationTimestamp").asText()))
                    .isEqualTo(clock.instant().plusSeconds(14 * 60));
        }

        @Test
        void answersV1beta1WhenAskedOrWhenNothingIsAnnounced() {
            Shell.Result asked = kubectl().env("KUBERNETES_EXEC_INFO",
                    "{\"apiVersion\":\"client.authentication.k8s.io/v1beta1\"}").run("token", "-i", "prod");
            Shell.Result silent = kubectl().run("token", "-i", "prod");

            assertThat(Fixtures.json(asked.out()).path("apiVersion").asText()).isEqualTo("client.authentication.k8s.io/v1beta1");
            assertThat(Fixtures.json(silent.out()).path("apiVersion").asText()).isEqualTo("client.authentication.k8s.io/v1beta1");
        }

        @Test
        void theTokenItPrintsVerifiesAgainstStsAsTheSigner() {
            Shell.Result r = kubectl().run("token", "--cluster-id", "prod");

            CallerIdentity who = verify(Fixtures.token(r.out()), "prod");
            assertThat(who.arn()).hasToString(alice.arn());
            assertThat(who.stsEndpoint()).isEqualTo("sts.us-west-2.amazonaws.com");
        }

        @Test
        void acceptsTheAwsCliSpellingOfTheClusterName() {
            Shell.Result r = kubectl().run("token", "--cluster-name", "prod", "--region", "eu-west-1");

            assertThat(verify(Fixtures.token(r.out()), "prod").stsEndpoint()).isEqualTo("sts.eu-west-1.amazonaws.com");
        }

        @Test
        void aTokenForOneClusterDoesNotVerifyForAnother() {
            String token = Fixtures.token(kubectl().run("token", "-i", "prod").out());

            Shell.Result r = new Shell().clock(clock).run("verify", "-i", "staging", "--sts-url", sts.get().endpoint().toString(), token);
            assertThat(r.code()).isEqualTo(ExitCode.DENIED);
        }

        @Test
        void signsForTheGlobalFipsAndDualStackEndpoints() {
            assertThat(decodedUrl(Fixtures.token(kubectl().run("token", "-i", "prod", "--sts-endpoint", "global").out())))
                    .startsWith("https://sts.amazonaws.com/").contains("/us-east-1/sts/aws4_request");
            assertThat(decodedUrl(Fixtures.token(kubectl().run("token", "-i", "prod", "--fips").out())))
                    .startsWith("https://sts-fips.us-west-2.amazonaws.com/");
            assertThat(decodedUrl(Fixtures.token(kubectl().run("token", "-i", "prod", "--dualstack").out())))
                    .startsWith("https://sts.us-west-2.api.aws/");
        }

        @Test
        void takesTheRegionFromAwsDefaultRegionWhenAwsRegionIsUnset() {
            Shell shell = new Shell().clock(clock).env("AWS_ACCESS_KEY_ID", alice.accessKeyId())
                    .env("AWS_SECRET_ACCESS_KEY", alice.secretAccessKey()).env("AWS_DEFAULT_REGION", "ap-southeast-2");

            assertThat(decodedUrl(Fixtures.token(shell.run("token", "-i", "prod").out())))
                    .startsWith("https://sts.ap-southeast-2.amazonaws.com/");
        }
    }

    @Nested
    class AssumingARole {
        @BeforeEach
        void registerTheRole() {
            sts.get().register(StsIdentity.assumedRole("111122223333", "Admin", "placeholder"));
        }

        @Test
        void theTokenIdentifiesTheRoleSession() {
            Shell.Result r = kubectl().run("token", "-i", "prod", "--role-arn", "arn:aws:iam::111122223333:role/Admin",
                    "--session-name", "ci-run-7", "--external-id", "shared-secret", "--sts-url", sts.get().endpoint().toString());

            assertThat(r.code()).as(r.err()).isZero();
            CallerIdentity who = verify(Fixtures.token(r.out()), "prod");
            assertThat(who.arn()).hasToString("arn:aws:sts::111122223333:assumed-role/Admin/ci-run-7");
            assertThat(sts.get().externalIds()).containsExactly("shared-secret");
        }

        @Test
        void takesTheAssumeRoleEndpointFromTheSdkSetting() {
            Shell.Result r = kubectl().env("AWS_ENDPOINT_URL_STS", sts.get().endpoint().toString())
                    .run("token", "-i", "prod", "-r", "arn:aws:iam::111122223333:role/Admin");

            assertThat(r.code()).as(r.err()).isZero();
            assertThat(sts.get().requestCount("AssumeRole")).isEqualTo(1);
        }

        @Test
        void unknownCredentialsMeanNoTokenWithExitFive() {
            Shell.Result r = new Shell().clock(clock).env("AWS_ACCESS_KEY_ID", "AKIAUNKNOWNKEY000000")
                    .env("AWS_SECRET_ACCESS_KEY", "not-known").env("AWS_REGION", "us-west-2")
                    .run("token", "-i", "prod", "--role-arn", "arn:aws:iam::111122223333:role/Admin",
                            "--sts-url", sts.get().endpoint().toString());

            assertThat(r.code()).isEqualTo(ExitCode.NO_CREDENTIALS);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).startsWith("eksauth token: ").contains("could not resolve AWS credentials")
                    .doesNotContain("not-known");
        }
    }

    @Nested
    class BadInput {
        @Test
        void aMissingClusterIdIsAUsageError() {
            Shell.Result r = kubectl().run("token");

            assertThat(r.code()).isEqualTo(ExitCode.USAGE);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).contains("Missing required option").contains("--cluster-name").contains("eksauth token --help");
        }


        @Test
        void aBlankOrMalformedRegionIsAUsageError() {
            assertThat(kubectl().run("token", "-i", "prod", "--region", "").code()).isEqualTo(ExitCode.USAGE);
            Shell.Result r = kubectl().env("AWS_REGION", "us west 2").run("token", "-i", "prod");

            assertThat(r.code()).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).contains("'us west 2' is not a region name");
        }

        @Test
        void impossibleCombinationsAreUsageErrors() {
            assertThat(kubectl().run("token", "-i", "prod", "--sts-endpoint", "global", "--fips").code()).isEqualTo(ExitCode.USAGE);
            assertThat(kubectl().run("token", "-i", "prod", "--session-name", "x1").code()).isEqualTo(ExitCode.USAGE);
            assertThat(kubectl().run("token", "-i", "prod", "--role-arn", "arn:aws:iam::1:user/x").code()).isEqualTo(ExitCode.USAGE);
            assertThat(kubectl().run("token", "-i", "has space").code()).isEqualTo(ExitCode.USAGE);
            assertThat(kubectl().run("token", "-i", "prod", "--sts-endpoint", "sideways").code()).isEqualTo(ExitCode.USAGE);
            assertThat(kubectl().run("token", "-i", "prod", "-r", "arn:aws:iam::1:role/x", "--sts-url", "ftp://x").code())
                    .isEqualTo(ExitCode.USAGE);
        }

        @Test
        void aBadRegionIsAUsageError() {
            Shell.Result r = kubectl().run("token", "-i", "prod", "--region", "Not A Region");

            assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        }
    }

    @Nested
    class LikeItsPeers {
        @Test
        void tokenOnlyPrintsJustTheTokenAsAwsIamAuthenticatorDoes() {
            Shell.Result r = kubectl().run("token", "-i", "prod", "--token-only");

            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).startsWith("k8s-aws-v1.").endsWith("\n").hasLineCount(1);
            assertThat(verify(r.out().strip(), "prod").arn()).hasToString(alice.arn());
        }

        @Test
        void aRetiredOrUnknownExecInfoVersionFallsBackToV1beta1WithOneWarning() {
            for (String version : new String[] {"client.authentication.k8s.io/v1alpha1", "client.authentication.k8s.io/v2"}) {
                Shell.Result r = kubectl().env("KUBERNETES_EXEC_INFO", "{\"apiVersion\":\"" + version + "\"}")
                        .run("token", "-i", "prod");

                assertThat(r.code()).isZero();
                assertThat(Fixtures.json(r.out()).path("apiVersion").asText()).isEqualTo("client.authentication.k8s.io/v1beta1");
                assertThat(r.err().lines()).singleElement().asString()
                        .startsWith("eksauth token: warning: KUBERNETES_EXEC_INFO asks for apiVersion '" + version + "'");
            }
        }

        @Test
        void malformedExecInfoFallsBackToV1beta1WithOneWarning() {
            Shell.Result r = kubectl().env("KUBERNETES_EXEC_INFO", "{\"apiVersion\":").run("token", "-i", "prod");

            assertThat(r.code()).isZero();
            assertThat(Fixtures.json(r.out()).path("apiVersion").asText()).isEqualTo("client.authentication.k8s.io/v1beta1");
            assertThat(r.err()).isEqualTo("eksauth token: warning: KUBERNETES_EXEC_INFO is not valid JSON; answering with "
                    + "client.authentication.k8s.io/v1beta1\n");
        }

        @Test
        void profileNamesTheProfileAndWinsOverKeysInTheEnvironmentAsInTheAwsCli() throws Exception {
            StsIdentity bob = sts.get().register(StsIdentity.user("111122223333", "bob"));
            Path credentials = java.nio.file.Files.writeString(home.resolve("credentials"), "[bob]\naws_access_key_id = "
                    + bob.accessKeyId() + "\naws_secret_access_key = " + bob.secretAccessKey() + "\n");

            Shell.Result r = kubectl().env("AWS_SHARED_CREDENTIALS_FILE", credentials.toString())
                    .env("AWS_CONFIG_FILE", home.resolve("none").toString()).run("token", "-i", "prod", "--profile", "bob");

            assertThat(r.code()).as(r.err()).isZero();
            assertThat(verify(Fixtures.token(r.out()), "prod").arn()).hasToString(bob.arn());
        }

        @Test
        void anUnknownProfileMeansNoTokenAndSaysWhich() {
            Shell.Result r = kubectl().env("AWS_SHARED_CREDENTIALS_FILE", home.resolve("none").toString())
                    .env("AWS_CONFIG_FILE", home.resolve("none").toString()).run("token", "-i", "prod", "--profile", "nobody");

            assertThat(r.code()).isEqualTo(ExitCode.NO_CREDENTIALS);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).contains("there is no AWS profile 'nobody'");
        }

        @Test
        void forwardSessionNameNamesTheRoleSessionAfterTheCallersOwn() {
            StsIdentity federated = sts.get().register(StsIdentity.assumedRole("111122223333", "Sso", "alice@example.com"));
            sts.get().register(StsIdentity.assumedRole("111122223333", "Admin", "placeholder"));

            Shell.Result r = new Shell().clock(clock).env(Fixtures.credentials(federated, "us-west-2"))
                    .run("token", "-i", "prod", "--role-arn", "arn:aws:iam::111122223333:role/Admin",
                            "--forward-session-name", "--sts-url", sts.get().endpoint().toString());

            assertThat(r.code()).as(r.err()).isZero();
            assertThat(verify(Fixtures.token(r.out()), "prod").arn())
                    .hasToString("arn:aws:sts::111122223333:assumed-role/Admin/alice@example.com");
        }

        @Test
        void forwardSessionNameGivesAnIamUserTheDefaultSessionName() {
            Shell.Result r = kubectl().run("token", "-i", "prod", "--role-arn", "arn:aws:iam::111122223333:role/Admin",
                    "--forward-session-name", "--sts-url", sts.get().endpoint().toString());

            assertThat(r.code()).as(r.err()).isZero();
            assertThat(verify(Fixtures.token(r.out()), "prod").arn().toString())
                    .startsWith("arn:aws:sts::111122223333:assumed-role/Admin/eksauth-");
        }

        @Test
        void forwardSessionNameNeedsARoleAndNoSessionName() {
            assertThat(kubectl().run("token", "-i", "prod", "--forward-session-name").code()).isEqualTo(ExitCode.USAGE);
            assertThat(kubectl().run("token", "-i", "prod", "-r", "arn:aws:iam::1:role/x", "--forward-session-name",
                    "--session-name", "s1").code()).isEqualTo(ExitCode.USAGE);
        }
    }
}
