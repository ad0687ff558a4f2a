package dev.eksauth.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import picocli.CommandLine;

/** The manifests under {@code deploy/}: they parse, fit together, and {@code serve} accepts their arguments. */
class DeployManifestsTest {
    static final Path DEPLOY = Path.of(System.getProperty("deploy", "../deploy"));

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(String file) throws Exception {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(Files.readString(DEPLOY.resolve(file)))) {
            assertThat(doc).as(file).isInstanceOf(Map.class);
            docs.add((Map<String, Object>) doc);
        }
        return docs;
    }

    @SuppressWarnings("unchecked")
    static <T> T at(Object node, String... path) {
        Object here = node;
        for (String key : path) {
            assertThat(here).as("a mapping at " + key).isInstanceOf(Map.class);
            here = ((Map<String, Object>) here).get(key);
        }
        return (T) here;
    }

    static Map<String, Object> only(String file, String kind) throws Exception {
        return documents(file).stream().filter(d -> kind.equals(d.get("kind"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in " + file));
    }

    /** The serve command's arguments, parsed by picocli as the command would parse them. */
    static ServeCommand parse(List<String> args) {
        assertThat(args.get(0)).isEqualTo("serve");
        Console console = Console.of(Map.of(), new ByteArrayInputStream(new byte[0]),
                new PrintStream(PrintStream.nullOutputStream()), new PrintStream(PrintStream.nullOutputStream()),
                Clock.systemUTC());
        ServeCommand serve = new ServeCommand(console);
        new CommandLine(serve).parseArgs(args.subList(1, args.size()).toArray(String[]::new));
        return serve;
    }

    @Test
    void everyManifestIsKubernetesYaml() throws Exception {
        try (var files = Files.list(DEPLOY)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                for (Map<String, Object> doc : documents(file.getFileName().toString())) {
                    assertThat(doc).as(file.toString()).containsKeys("apiVersion", "kind");
                    if (!"Config".equals(doc.get("kind"))) {
                        assertThat((String) at(doc, "metadata", "name")).as(file.toString()).isNotBlank();
                    }
                }
            }
        }
    }

    @Nested
    class TheDaemonSet {
        @Test
        void runsOnControlPlaneNodesOnTheHostNetworkWithArgumentsServeAccepts() throws Exception {
            Map<String, Object> pod = at(only("daemonset.yaml", "DaemonSet"), "spec", "template", "spec");
            assertThat((Boolean) at(pod, "hostNetwork")).isTrue();
            assertThat((Map<String, Object>) at(pod, "nodeSelector")).containsKey("node-role.kubernetes.io/control-plane");
            assertThat(((List<Map<String, Object>>) at(pod, "tolerations")))
                    .anyMatch(t -> "node-role.kubernetes.io/control-plane".equals(t.get("key")));
            Map<String, Object> container = ((List<Map<String, Object>>) at(pod, "containers")).get(0);

            ServeCommand serve = parse(at(container, "args"));

            assertThat(serve.backendModes).containsExactly("configmap");
            assertThat(serve.tlsCert).isNotNull();
            assertThat(serve.address).isEqualTo("127.0.0.1");
            assertThat((Integer) at(container, "readinessProbe", "httpGet", "port")).isEqualTo(serve.port);
            assertThat((String) at(container, "readinessProbe", "httpGet", "path")).isEqualTo("/readyz");
            assertThat(at(pod, "serviceAccountName").toString()).isEqualTo("eksauth");
        }
    }

    @Nested
    class TheStaticPod {
        @Test
        void readsTheConfigMapWithAKubeconfigAndListensWhereTheWebhookKubeconfigPoints() throws Exception {
            Map<String, Object> pod = only("static-pod.yaml", "Pod");
            assertThat((Boolean) at(pod, "spec", "hostNetwork")).isTrue();
            Map<String, Object> container = ((List<Map<String, Object>>) at(pod, "spec", "containers")).get(0);

            ServeCommand serve = parse(at(container, "args"));

            assertThat(serve.kubeconfigIn).isNotNull();
            String server = at(((List<Map<String, Object>>) at(only("webhook-kubeconfig.yaml", "Config"), "clusters")).get(0),
                    "cluster", "server");
            assertThat(server).isEqualTo("https://" + serve.address + ":" + serve.port + "/authenticate");
        }
    }

    @Nested
    class TheRbac {
        @Test
        void letsTheServiceAccountReadAndWatchOnlyTheAwsAuthConfigMap() throws Exception {
            Map<String, Object> role = only("rbac.yaml", "Role");
            Map<String, Object> binding = only("rbac.yaml", "RoleBinding");
            Map<String, Object> account = only("rbac.yaml", "ServiceAccount");

            List<Map<String, Object>> rules = at(role, "rules");
            assertThat(rules).singleElement().satisfies(rule -> {
                assertThat((List<String>) rule.get("resources")).containsExactly("configmaps");
                assertThat((List<String>) rule.get("resourceNames")).containsExactly("aws-auth");
                assertThat((List<String>) rule.get("verbs")).containsExactlyInAnyOrder("get", "list", "watch");
            });
            assertThat((String) at(role, "metadata", "namespace")).isEqualTo("kube-system");
            assertThat((String) at(binding, "roleRef", "name")).isEqualTo(at(role, "metadata", "name"));
            Map<String, Object> subject = ((List<Map<String, Object>>) at(binding, "subjects")).get(0);
            assertThat(subject).containsEntry("kind", "ServiceAccount").containsEntry("name", at(account, "metadata", "name"))
                    .containsEntry("namespace", "kube-system");
        }
    }
}
