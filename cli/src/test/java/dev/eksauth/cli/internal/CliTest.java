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
        assertThat(r.out()).contains("token", "verify", "map", "oidc-verify", "serve", "fake-sts", "kubeconfig", "demo")
                .contains("Exit codes:").contains("3    STS or the OIDC issuer unavailable");
    }

    @ParameterizedTest
    @ValueSource(strings = {"token", "verify", "map", "oidc-verify", "serve", "fake-sts", "kubeconfig", "demo"})
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
}
