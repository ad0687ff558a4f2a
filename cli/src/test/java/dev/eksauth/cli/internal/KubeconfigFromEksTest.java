package dev.eksauth.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import dev.eksauth.testkit.FakeEks;
import dev.eksauth.testkit.FakeEksExtension;
import dev.eksauth.testkit.StsIdentity;

@SuppressWarnings("unchecked")
class KubeconfigFromEksTest {
    static final String ARN = "arn:aws:eks:us-west-2:123456789012:cluster/prod";
    static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIBprod\n-----END CERTIFICATE-----\n";
    static final String OTHERS = String.join("\n",
            "apiVersion: v1",
            "kind: Config",
            "clusters:",
            "- name: kind-dev",
            "  cluster:",
            "    server: https://127.0.0.1:6443",
            "    insecure-skip-tls-verify: true",
            "- name: " + ARN,
            "  cluster:",
            "    server: https://OLD.example",
            "users:",
            "- name: kind-dev",
            "  user:",
            "    token: dev-token",
            "contexts:",
            "- name: kind-dev",
            "  context:",
            "    cluster: kind-dev",
            "    user: kind-dev",
            "    namespace: team",
            "current-context: kind-dev",
            "preferences: {}",
            "");

    @RegisterExtension
    final FakeEksExtension fake = FakeEksExtension.create();

    @TempDir
    Path dir;

    private FakeEks eks;
    private Shell shell;

    @BeforeEach
    void setUp() {
        eks = fake.get();
        eks.addCluster("prod").endpoint(URI.create("https://ABC.gr7.us-west-2.eks.amazonaws.com")).certificateAuthority(PEM);
        StsIdentity admin = eks.register(StsIdentity.user("111122223333", "admin"));
        shell = new Shell().env(Fixtures.credentials(admin, "us-west-2")).env("AWS_ENDPOINT_URL_EKS", eks.endpoint().toString())
                .env("HOME", dir.toString());
    }

    static Map<String, Object> load(String text) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    }

    static Map<String, Object> named(Map<String, Object> config, String list, String name) {
        return ((List<Map<String, Object>>) config.get(list)).stream().filter(e -> name.equals(e.get("name"))).findFirst()
                .orElseThrow();
    }

    Shell.Result run(String... extra) {
        String[] args = new String[] {"kubeconfig", "--cluster-name", "prod", "--command", "/opt/eksauth/bin/eksauth"};
        String[] all = new String[args.length + extra.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        return shell.run(all);
    }

    @Test
    void createsTheHomeKubeconfigWithMode0600AndEntriesNamedByTheClusterArn() throws Exception {
        Shell.Result r = run();

        assertThat(r.code()).as(r.err()).isZero();
        Path file = dir.resolve(".kube/config");
        assertThat(r.out().strip()).isEqualTo("Added new context " + ARN + " to " + file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Map<String, Object> config = load(Files.readString(file));
        assertThat(config.get("current-context")).isEqualTo(ARN);
        Map<String, Object> cluster = (Map<String, Object>) named(config, "clusters", ARN).get("cluster");
        assertThat(cluster.get("server")).isEqualTo("https://ABC.gr7.us-west-2.eks.amazonaws.com");
        assertThat(new String(Base64.getDecoder().decode((String) cluster.get("certificate-authority-data")),
                StandardCharsets.US_ASCII)).isEqualTo(PEM);
        Map<String, Object> exec = (Map<String, Object>) ((Map<String, Object>) named(config, "users", ARN).get("user")).get("exec");
        assertThat(exec.get("command")).isEqualTo("/opt/eksauth/bin/eksauth");
        assertThat(exec.get("args")).isEqualTo(List.of("token", "--cluster-id", "prod", "--region", "us-west-2"));
        assertThat(named(config, "contexts", ARN).get("context")).isEqualTo(Map.of("cluster", ARN, "user", ARN));
    }

    @Test
    void keepsEveryOtherEntryAndReplacesTheOneOfTheSameName() throws Exception {
        Path file = Files.writeString(dir.resolve("config"), OTHERS);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        Map<String, Object> before = load(OTHERS);

        Shell.Result r = run("--kubeconfig", file.toString(), "--alias", "prod", "--user-alias", "prod-admin");

        assertThat(r.code()).as(r.err()).isZero();
        Map<String, Object> after = load(Files.readString(file));
        assertThat(named(after, "clusters", "kind-dev")).isEqualTo(named(before, "clusters", "kind-dev"));
        assertThat(named(after, "users", "kind-dev")).isEqualTo(named(before, "users", "kind-dev"));
        assertThat(named(after, "contexts", "kind-dev")).isEqualTo(named(before, "contexts", "kind-dev"));
        assertThat(((List<?>) after.get("clusters"))).hasSize(2);
        assertThat(((Map<String, Object>) named(after, "clusters", ARN).get("cluster")).get("server"))
                .isEqualTo("https://ABC.gr7.us-west-2.eks.amazonaws.com");
        assertThat(named(after, "contexts", "prod").get("context")).isEqualTo(Map.of("cluster", ARN, "user", "prod-admin"));
        assertThat(after.get("current-context")).isEqualTo("prod");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
    }

    @Test
    void takesTheFirstFileOfKubeconfig() throws Exception {
        Path first = dir.resolve("first");
        shell.env("KUBECONFIG", first + java.io.File.pathSeparator + dir.resolve("second"));

        assertThat(run().code()).isZero();
        assertThat(first).exists();
        assertThat(dir.resolve("second")).doesNotExist();
    }

    @Test
    void aDryRunPrintsAndWritesNothing() throws Exception {
        Path file = Files.writeString(dir.resolve("config"), OTHERS);

        Shell.Result r = run("--kubeconfig", file.toString(), "--dry-run");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(load(r.out()).get("current-context")).isEqualTo(ARN);
        assertThat(Files.readString(file)).isEqualTo(OTHERS);
    }

    @Test
    void aClusterThatIsNotActiveIsOneClearLine() {
        eks.cluster("prod").status("CREATING");

        Shell.Result r = run();

        assertThat(r.code()).isEqualTo(ExitCode.INPUT);
        assertThat(r.err().lines()).singleElement().asString().contains("EKS cluster prod is CREATING, not ACTIVE");
        assertThat(dir.resolve(".kube/config")).doesNotExist();
    }

    @Test
    void aDeniedDescribeNamesThePermission() {
        eks.deny("DescribeCluster");

        Shell.Result r = run();

        assertThat(r.code()).isEqualTo(ExitCode.DENIED);
        assertThat(r.err().lines()).singleElement().asString().contains("eks:DescribeCluster");
    }
}
