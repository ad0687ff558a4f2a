package dev.eksauth.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.eksauth.testkit.FakeStsExtension;
import dev.eksauth.testkit.MutableClock;
import dev.eksauth.testkit.StsIdentity;
import dev.eksauth.token.EksTokenVerifier;

/** {@code eksauth token} with a profile whose role needs an MFA code: asked once, on the terminal kubectl passes on. */
class MfaPromptTest {
    static final String DEVICE = "arn:aws:iam::111122223333:mfa/alice";
    static final String INTERACTIVE = "{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"spec\":{\"interactive\":true}}";
    static final String NOT_INTERACTIVE = "{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"spec\":{\"interactive\":false}}";

    final MutableClock clock = Fixtures.clockAtNow();
    final StsIdentity alice = StsIdentity.user("111122223333", "alice");

    @RegisterExtension
    final FakeStsExtension sts = FakeStsExtension.create(fake -> fake.clock(clock).identity(alice));

    @TempDir
    Path home;

    @BeforeEach
    void profiles() throws Exception {
        Files.writeString(home.resolve("credentials"), "[base]\naws_access_key_id = " + alice.accessKeyId()
                + "\naws_secret_access_key = " + alice.secretAccessKey() + "\n");
        Files.writeString(home.resolve("config"), "[profile admin]\nrole_arn = arn:aws:iam::111122223333:role/Admin\n"
                + "source_profile = base\nmfa_serial = " + DEVICE + "\nrole_session_name = alice\n\n"
                + "[profile deploy]\nrole_arn = arn:aws:iam::111122223333:role/Deploy\nsource_profile = admin\n");
    }

    Shell kubectl() {
        return new Shell().clock(clock).env("AWS_REGION", "us-west-2")
                .env("AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString())
                .env("AWS_CONFIG_FILE", home.resolve("config").toString())
                .env("AWS_ENDPOINT_URL_STS", sts.get().endpoint().toString())
                .env("XDG_CACHE_HOME", home.resolve("cache").toString());
    }

    String arnOf(Shell.Result r) {
        return EksTokenVerifier.builder().clusterId("prod").clock(clock).stsEndpointOverride(sts.get().endpoint()).build()
                .verify(Fixtures.token(r.out())).arn().toString();
    }

    @Nested
    class WithATerminal {
        @Test
        void asksOnStandardErrorAndReadsTheAnswerKubectlPassesOn() {
            Shell.Result r = kubectl().env("KUBERNETES_EXEC_INFO", INTERACTIVE).stdin("123456\n")
                    .run("token", "-i", "prod", "--profile", "admin");

            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.err()).isEqualTo("Enter MFA code for " + DEVICE + ": ");
            assertThat(sts.get().mfaCodes()).containsExactly(DEVICE + "=123456");
            assertThat(arnOf(r)).isEqualTo("arn:aws:sts::111122223333:assumed-role/Admin/alice");
        }

        @Test
        void asksOnTheTerminalWhenRunOutsideKubectl() {
            Shell.Result r = kubectl().env("AWS_PROFILE", "admin").terminal("654321\n").run("token", "-i", "prod");

            assertThat(r.code()).as(r.err()).isZero();
            assertThat(sts.get().mfaCodes()).containsExactly(DEVICE + "=654321");
        }

        @Test
        void asksOnceThenReusesTheCachedSession() {
            kubectl().env("KUBERNETES_EXEC_INFO", INTERACTIVE).stdin("123456\n").run("token", "-i", "prod", "--profile", "admin");

            Shell.Result again = kubectl().env("KUBERNETES_EXEC_INFO", NOT_INTERACTIVE).run("token", "-i", "prod", "--profile", "admin");

            assertThat(again.code()).as(again.err()).isZero();
            assertThat(again.err()).isEmpty();
            assertThat(sts.get().requestCount("AssumeRole")).isEqualTo(1);
        }

        @Test
        void asksForTheDeviceOfASourceProfileInAChain() {
            Shell.Result r = kubectl().terminal("111111\n").run("token", "-i", "prod", "--profile", "deploy");

            assertThat(r.code()).as(r.err()).isZero();
            assertThat(sts.get().mfaCodes()).containsExactly(DEVICE + "=111111", "");
            assertThat(arnOf(r)).startsWith("arn:aws:sts::111122223333:assumed-role/Deploy/");
        }

        @Test
        void aCodeThatIsNotSixDigitsMeansNoToken() {
            Shell.Result r = kubectl().terminal("12ab56\n").run("token", "-i", "prod", "--profile", "admin");

            assertThat(r.code()).isEqualTo(ExitCode.NO_CREDENTIALS);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).contains("must be six digits");
            assertThat(sts.get().requestCount("AssumeRole")).isZero();
        }

        @Test
        void anEmptyAnswerMeansNoToken() {
            Shell.Result r = kubectl().terminal("").run("token", "-i", "prod", "--profile", "admin");

            assertThat(r.code()).isEqualTo(ExitCode.NO_CREDENTIALS);
            assertThat(r.err()).contains("no MFA code was entered for " + DEVICE);
        }
    }

    @Nested
    class WithoutATerminal {
        @Test
        void kubectlWithoutInteractiveModeGetsAClearFailure() {
            Shell.Result r = kubectl().env("KUBERNETES_EXEC_INFO", NOT_INTERACTIVE).stdin("123456\n")
                    .run("token", "-i", "prod", "--profile", "admin");

            assertThat(r.code()).isEqualTo(ExitCode.NO_CREDENTIALS);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).startsWith("eksauth token: the role needs an MFA code for " + DEVICE)
                    .contains("interactiveMode: IfAvailable").hasLineCount(1);
            assertThat(sts.get().requestCount("AssumeRole")).isZero();
        }

        @Test
        void aRunWithNoTerminalAtAllGetsTheSameFailure() {
            Shell.Result r = kubectl().run("token", "-i", "prod", "--profile", "admin");

            assertThat(r.code()).isEqualTo(ExitCode.NO_CREDENTIALS);
            assertThat(r.err()).contains("there is no terminal to ask for it");
        }
    }
}
