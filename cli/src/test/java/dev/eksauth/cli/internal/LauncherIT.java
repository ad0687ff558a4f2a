package dev.eksauth.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.eksauth.testkit.FakeStsExtension;
import dev.eksauth.testkit.StsIdentity;
import dev.eksauth.token.EksTokenVerifier;

/**
 * The packaged command as users run it: {@code bin/eksauth} with the jars the build just wrote
 * (their re-targeted class files, the archive the launcher trains on its first run), in a separate
 * process with only the environment given here.
 */
class LauncherIT {
    static final Path TARGET = Path.of("target").toAbsolutePath();
    static final Path LAUNCHER = TARGET.getParent().getParent().resolve("bin").resolve("eksauth");

    static final StsIdentity ALICE = StsIdentity.user("111122223333", "alice");
    static final StsIdentity ADMIN = StsIdentity.assumedRole("111122223333", "Admin", "placeholder");
    static final String ADMIN_ROLE = "arn:aws:iam::111122223333:role/Admin";

    @RegisterExtension
    static final FakeStsExtension STS = FakeStsExtension.create(fake -> fake.identity(ALICE).identity(ADMIN));

    @TempDir
    Path home;

    record Run(int code, String out, String err) {
    }

    Run eksauth(Map<String, String> env, String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of(LAUNCHER.toString()), Stream.of(args)).toList());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("EKSAUTH_") || k.equals("KUBERNETES_EXEC_INFO"));
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.put("HOME", home.toString());
        environment.put("AWS_CONFIG_FILE", home.resolve("none").toString());
        environment.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("none").toString());
        environment.putAll(env);
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out, err);
    }

    String verifiedArn(Run run) {
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        return EksTokenVerifier.builder().clusterId("prod").stsEndpointOverride(STS.get().endpoint()).build()
                .verify(Fixtures.token(run.out())).arn().toString();
    }

    @Test
    void aTokenFromStaticKeysVerifiesOnTheFirstRunAndOnRunsThatMapTheArchiveItLeft() throws Exception {
        Run first = eksauth(Fixtures.credentials(ALICE, "us-west-2"), "token", "--cluster-name", "prod");
        Run second = eksauth(Fixtures.credentials(ALICE, "us-west-2"), "token", "--cluster-name", "prod");

        assertThat(verifiedArn(first)).isEqualTo(ALICE.arn().toString());
        assertThat(verifiedArn(second)).isEqualTo(ALICE.arn().toString());
        try (Stream<Path> files = Files.list(TARGET)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .anyMatch(name -> name.matches("eksauth(-token)?-[0-9]+\\.(jsa|aot)"));
        }
    }

    @Test
    void anAssumedRoleTokenCallsStsThroughThePackagedSdk() throws Exception {
        Run run = eksauth(Fixtures.credentials(ALICE, "us-west-2"), "token", "-i", "prod", "--no-cache",
                "--role-arn", ADMIN_ROLE, "--session-name", "it", "--sts-url", STS.get().endpoint().toString());

        assertThat(verifiedArn(run)).isEqualTo("arn:aws:sts::111122223333:assumed-role/Admin/it");
    }

    @Test
    void tokenOnlyAndTheTokenUsageWorkFromThePackagedJar() throws Exception {
        Run tokenOnly = eksauth(Fixtures.credentials(ALICE, "us-west-2"), "token", "-i", "prod", "--token-only");
        Run usage = eksauth(Map.of(), "token", "--help");

        assertThat(tokenOnly.code()).as(tokenOnly.err()).isZero();
        assertThat(tokenOnly.out().strip()).startsWith("k8s-aws-v1.").doesNotContain("{");
        assertThat(usage.code()).isZero();
        assertThat(usage.out()).startsWith("Usage: eksauth token").contains("--cluster-name=ID", "Exit codes:", "5    no token");
    }

    @Test
    void theOtherCommandsRunFromThePackagedJar() throws Exception {
        String token = Fixtures.token(eksauth(Fixtures.credentials(ALICE, "us-west-2"), "token", "-i", "prod").out());

        Run verify = eksauth(Map.of(), "verify", "-i", "prod", "--sts-url", STS.get().endpoint().toString(), token);
        Run usage = eksauth(Map.of());

        assertThat(verify.code()).as(verify.err()).isZero();
        assertThat(verify.out()).contains(ALICE.arn().toString());
        assertThat(usage.code()).isEqualTo(ExitCode.USAGE);
        assertThat(usage.err()).contains("a command is required");
    }
}
