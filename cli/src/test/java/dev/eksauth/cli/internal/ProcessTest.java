package dev.eksauth.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.eksauth.testkit.FakeSts;
import dev.eksauth.testkit.StsIdentity;
import dev.eksauth.token.EksTokenVerifier;

/** The command as kubectl and an operator run it: a separate process, its real environment, streams and signals. */
class ProcessTest {
    @TempDir
    Path dir;

    static ProcessBuilder eksauth(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "dev.eksauth.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.equals("KUBERNETES_EXEC_INFO"));
        return builder;
    }

    @Test
    void asAnExecPluginItWritesOnlyTheExecCredentialAndExitsZero() throws Exception {
        try (FakeSts sts = FakeSts.create()) {
            StsIdentity alice = sts.register(StsIdentity.user("111122223333", "alice"));
            ProcessBuilder kubectl = eksauth("token", "-i", "prod");
            kubectl.environment().putAll(Fixtures.credentials(alice, "us-west-2"));
            kubectl.environment().put("KUBERNETES_EXEC_INFO", "{\"kind\":\"ExecCredential\","
                    + "\"apiVersion\":\"client.authentication.k8s.io/v1\",\"spec\":{\"interactive\":false}}");
            kubectl.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Process p = kubectl.start();

            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(p.exitValue()).as(err).isZero();
            assertThat(err).isEmpty();
            assertThat(out.lines()).hasSize(1);
            assertThat(Fixtures.json(out).path("apiVersion").asText()).isEqualTo("client.authentication.k8s.io/v1");
            assertThat(EksTokenVerifier.builder().clusterId("prod").stsEndpointOverride(sts.endpoint()).build()
                    .verify(Fixtures.token(out)).arn()).hasToString(alice.arn());
        }
    }

    @Test
    void aUsageErrorExitsTwoWithNothingOnStandardOutput() throws Exception {
        Process p = eksauth("token").start();

        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(out).isEmpty();
        assertThat(err).contains("Missing required option");
    }

    @Test
    void theWebhookStopsCleanlyOnSigterm() throws Exception {
        Path awsAuth = Files.writeString(dir.resolve("aws-auth.yaml"), "data:\n  mapAccounts: |\n    - \"111122223333\"\n");
        Process p = eksauth("serve", "-i", "prod", "--aws-auth", awsAuth.toString(), "--port", "0")
                .redirectError(dir.resolve("err.txt").toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String url = out.readLine();
        assertThat(url).startsWith("http://127.0.0.1:").endsWith("/authenticate");

        p.destroy();

        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(143);
        assertThat(Files.readString(dir.resolve("err.txt"))).contains("listening on " + url).contains("eksauth serve: stopped");
    }

}
