package dev.eksauth.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The command line as a whole: help, version, exit codes, unknown commands. */
class CliTest {
    @Test
    void theUsageListsEveryCommandAndTheExitCodes() {
        Shell.Result r = new Shell().run("--help");

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("token", "verify", "map", "oidc-verify", "serve", "fake-sts", "kubeconfig", "access-entries", "migrate-aws-auth", "demo")
                .contains("Exit codes:").contains("3    STS, EKS or the OIDC issuer unavailable");
    }

    @ParameterizedTest
    @ValueSource(strings = {"token", "verify", "map", "can-i", "who-can", "rbac-audit", "oidc-verify", "serve", "fake-sts", "kubeconfig",
        "access-entries", "migrate-aws-auth", "demo"})
    void everyCommandHasHelpWithTheExitCodes(String command) {
        Shell.Result r = new Shell().run(command, "--help");

        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("Usage: eksauth " + command).contains("Exit codes:").contains("2    usage");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void printsTheVersion() {
        Shell.Result r = new Shell().run("--version");

        assertThat(r.code()).isZero();
        assertThat(r.out()).matches("eksauth \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\n");
        assertThat(new Shell().run("token", "--version").out()).isEqualTo(r.out());
    }

    @Test
    void noCommandOrAnUnknownOneIsAUsageError() {
        Shell.Result none = new Shell().run();
        assertThat(none.code()).isEqualTo(ExitCode.USAGE);
        assertThat(none.err()).contains("a command is required");

        Shell.Result typo = new Shell().run("tokn", "-i", "x");
        assertThat(typo.code()).isEqualTo(ExitCode.USAGE);
        assertThat(typo.err()).contains("Unmatched argument").contains("token");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Shell.Result r = new Shell().run("token", "-i", "x", "--frobnicate");

        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("Unknown option: '--frobnicate'");
    }

    @Test
    void usageErrorsNeverRepeatATokenAJwtOrASecretFromTheCommandLine() {
        String token = "k8s-aws-v1.aHR0cHM6Ly9zdHMudXMtd2VzdC0yLmFtYXpvbmF3cy5jb20vP0FjdGlvbj1HZXRDYWxsZXJJZGVudGl0eQ";
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg";
        String identity = "AKIAEXAMPLE0000001:wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY:arn:aws:iam::111122223333:user/a";

        Shell.Result twice = new Shell().run("verify", "-i", "dev", token, token);
        Shell.Result badTimeout = new Shell().run("verify", "-i", "dev", "--sts-timeout", token);
        Shell.Result jwts = new Shell().run("oidc-verify", "--issuer", "https://issuer.example", "--client-id", "k",
                jwt, jwt);
        Shell.Result bareIdentity = new Shell().run("fake-sts", identity);

        for (Shell.Result r : java.util.List.of(twice, badTimeout, jwts, bareIdentity)) {
            assertThat(r.code()).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).isNotEmpty().doesNotContain(token.substring(11)).doesNotContain("eyJzdWIi")
                    .doesNotContain("wJalrXUtnFEMI");
        }
        assertThat(twice.err()).contains("Unmatched argument").contains("k8s-aws-v1.(redacted)");
        assertThat(Redaction.redact("Unmatched argument at index 1: '" + identity + "'"))
                .isEqualTo("Unmatched argument at index 1: 'AKIAEXAMPLE0000001:(redacted):arn:aws:iam::111122223333:user/a'");
    }
}
