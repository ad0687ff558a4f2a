package dev.eksauth.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import dev.eksauth.testkit.FakeStsExtension;
import dev.eksauth.testkit.LoopbackCertificate;
import dev.eksauth.testkit.MutableClock;
import dev.eksauth.testkit.StsIdentity;
import dev.eksauth.token.EksTokenVerifier;

@SuppressWarnings("unchecked")
class KubeconfigCommandTest {
    @TempDir
    Path dir;

    final MutableClock clock = Fixtures.clockAtNow();
    final StsIdentity alice = StsIdentity.user("111122223333", "alice");

    @RegisterExtension
    final FakeStsExtension sts = FakeStsExtension.create(fake -> fake.clock(clock).identity(alice));

    final LoopbackCertificate ca = LoopbackCertificate.generate();

    Map<String, Object> kubeconfig(Shell shell, String... extra) throws Exception {
        Path caFile = Files.writeString(dir.resolve("ca.pem"), ca.certificatePem());
        String[] args = new String[9 + extra.length];
        System.arraycopy(new String[] {"kubeconfig", "--cluster-id", "prod", "--endpoint", "https://ABC.gr7.us-west-2.eks.amazonaws.com",
            "--ca-file", caFile.toString(), "--command", "/opt/eksauth/bin/eksauth"}, 0, args, 0, 9);
        System.arraycopy(extra, 0, args, 9, extra.length);
        Shell.Result r = shell.run(args);
        assertThat(r.code()).as(r.err()).isZero();
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(r.out());
    }

    static Map<String, Object> first(Map<String, Object> config, String list, String key) {
        return (Map<String, Object>) ((Map<String, Object>) ((List<Object>) config.get(list)).get(0)).get(key);
    }

    @Test
    void writesAClusterAndAUserWhoseExecPluginIsEksauthToken() throws Exception {
        Map<String, Object> config = kubeconfig(new Shell(), "--region", "us-west-2", "--role-arn",
                "arn:aws:iam::111122223333:role/Admin", "--name", "prod-west");

        assertThat(config.get("current-context")).isEqualTo("prod-west");
        Map<String, Object> cluster = first(config, "clusters", "cluster");
        assertThat(cluster.get("server")).isEqualTo("https://ABC.gr7.us-west-2.eks.amazonaws.com");
        assertThat(new String(Base64.getDecoder().decode((String) cluster.get("certificate-authority-data")),
                StandardCharsets.US_ASCII).replaceAll("\\s", "")).isEqualTo(ca.certificatePem().replaceAll("\\s", ""));
        Map<String, Object> exec = (Map<String, Object>) first(config, "users", "user").get("exec");
        assertThat(exec.get("apiVersion")).isEqualTo("client.authentication.k8s.io/v1beta1");
        assertThat(exec.get("command")).isEqualTo("/opt/eksauth/bin/eksauth");
        assertThat(exec.get("args")).isEqualTo(List.of("token", "--cluster-id", "prod", "--region", "us-west-2",
                "--role-arn", "arn:aws:iam::111122223333:role/Admin"));
        assertThat(exec.get("interactiveMode")).isEqualTo("Never");
        assertThat(exec.get("env")).isNull();
        assertThat(first(config, "contexts", "context")).isEqualTo(Map.of("cluster", "prod-west", "user", "prod-west"));
    }

    @Test
    void passesTheAwsProfileOn() throws Exception {
        Map<String, Object> config = kubeconfig(new Shell().env("AWS_PROFILE", "team-dev"));

        Map<String, Object> exec = (Map<String, Object>) first(config, "users", "user").get("exec");
        assertThat(exec.get("env")).isEqualTo(List.of(Map.of("name", "AWS_PROFILE", "value", "team-dev")));
    }

    @Test
    void itsExecStanzaRunsAndMakesATokenThatVerifies() throws Exception {
        Map<String, Object> config = kubeconfig(new Shell(), "--region", "eu-west-1", "--cache");
        Map<String, Object> exec = (Map<String, Object>) first(config, "users", "user").get("exec");
        List<String> args = (List<String>) exec.get("args");

        Shell.Result r = new Shell().clock(clock).env(Fixtures.credentials(alice, "us-east-1"))
                .env("XDG_CACHE_HOME", dir.resolve("cache").toString())
                .env("KUBERNETES_EXEC_INFO", "{\"apiVersion\":\"" + exec.get("apiVersion") + "\"}")
                .run(args.toArray(String[]::new));

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Fixtures.json(r.out()).path("apiVersion").asText()).isEqualTo(exec.get("apiVersion"));
        var who = EksTokenVerifier.builder().clusterId("prod").clock(clock).stsEndpointOverride(sts.get().endpoint()).build()
                .verify(Fixtures.token(r.out()));
        assertThat(who.arn()).hasToString(alice.arn());
        assertThat(who.stsEndpoint()).isEqualTo("sts.eu-west-1.amazonaws.com");
    }

    @Test
    void errors() throws Exception {
        Path caFile = Files.writeString(dir.resolve("ca.pem"), ca.certificatePem());
        Path notPem = Files.writeString(dir.resolve("not.pem"), "hello");
        Shell shell = new Shell();

        assertThat(shell.run("kubeconfig", "-i", "prod", "--endpoint", "http://plain", "--ca-file", caFile.toString()).code())
                .isEqualTo(ExitCode.USAGE);
        assertThat(shell.run("kubeconfig", "-i", "prod", "--endpoint", "https://x", "--ca-file", dir.resolve("none").toString())
                .code()).isEqualTo(ExitCode.INPUT);
        assertThat(shell.run("kubeconfig", "-i", "prod", "--endpoint", "https://x", "--ca-file", notPem.toString()).code())
                .isEqualTo(ExitCode.INPUT);
        assertThat(shell.run("kubeconfig", "-i", "prod", "--endpoint", "https://x", "--ca-file", caFile.toString(),
                "--role-arn", "arn:aws:iam::1:user/u").code()).isEqualTo(ExitCode.USAGE);
        assertThat(shell.run("kubeconfig", "-i", "prod", "--ca-file", caFile.toString()).code()).isEqualTo(ExitCode.USAGE);
    }
}
