package dev.eksauth.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.eksauth.testkit.FakeStsExtension;
import dev.eksauth.testkit.MutableClock;
import dev.eksauth.testkit.StsIdentity;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;

/**
 * The configmap backend against fabric8's mock API server in CRUD mode: create, edit, bad edit,
 * delete. Changes reach the server through a watch, so the test waits for each to show (a deadline
 * only keeps a broken server from hanging the build).
 */
@EnableKubernetesMockClient(crud = true)
class ServeConfigMapTest {
    static final String ADMIN_ROLE = "- rolearn: arn:aws:iam::111122223333:role/Admin\n  username: admin:{{SessionName}}\n"
            + "  groups: [system:masters]\n";

    static KubernetesClient client;

    @TempDir
    Path dir;

    final MutableClock clock = Fixtures.clockAtNow();
    final StsIdentity admin = StsIdentity.assumedRole("111122223333", "Admin", "alice");
    final StsIdentity mallory = StsIdentity.user("111122223333", "mallory");

    @RegisterExtension
    final FakeStsExtension sts = FakeStsExtension.create(fake -> fake.clock(clock).identity(admin).identity(mallory));

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Shell.Background running;

    @AfterEach
    void stop() throws Exception {
        if (running != null) {
            running.stop();
        }
    }

    URI serve() throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, "apiVersion: v1\nkind: Config\nclusters:\n- name: mock\n  cluster:\n    server: "
                + client.getConfiguration().getMasterUrl() + "\n    insecure-skip-tls-verify: true\nusers:\n- name: test\n"
                + "  user:\n    token: test\ncontexts:\n- name: mock\n  context:\n    cluster: mock\n    user: test\n"
                + "current-context: mock\n");
        running = new Shell().clock(clock).start("serve", "-i", "prod", "--backend-mode", "configmap", "--kubeconfig",
                kubeconfig.toString(), "--port", "0", "--sts-url", sts.get().endpoint().toString());
        return URI.create(running.nextLine());
    }

    void apply(Map<String, String> data) {
        client.configMaps().inNamespace("kube-system").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("aws-auth").withNamespace("kube-system").endMetadata().withData(data).build()).createOr(
                        c -> c.update());
    }

    int review(URI url, StsIdentity who) throws Exception {
        return http.send(HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofString(
                ServeCommandTest.review("authentication.k8s.io/v1", ServeCommandTest.sign(who, clock)))).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    int get(URI url) throws Exception {
        return http.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void createEditBadEditAndDeleteOfTheConfigMapTakeEffect() throws Exception {
        URI url = serve();
        assertThat(get(url.resolve("/readyz"))).as("no ConfigMap read yet").isEqualTo(503);
        assertThat(review(url, admin)).as("unavailable, not denied, before the ConfigMap is read").isEqualTo(503);

        apply(Map.of("mapRoles", ADMIN_ROLE));
        Fixtures.await("the created ConfigMap maps admin", () -> review(url, admin) == 200);
        assertThat(get(url.resolve("/readyz"))).isEqualTo(200);
        assertThat(review(url, mallory)).isEqualTo(403);

        apply(Map.of("mapRoles", ADMIN_ROLE, "mapUsers", "- userarn: " + mallory.arn() + "\n  username: mallory\n"));
        Fixtures.await("the edited ConfigMap maps mallory", () -> review(url, mallory) == 200);

        apply(Map.of("mapRoles", "[unclosed", "mapUsers", ""));
        Fixtures.await("the bad edit is rejected",
                () -> running.err().contains("rejected the edit of the ConfigMap kube-system/aws-auth"));
        assertThat(review(url, mallory)).as("the last good mapping stays in force").isEqualTo(200);
        assertThat(review(url, admin)).isEqualTo(200);
        assertThat(ServeMetricsTest.parse(http.send(HttpRequest.newBuilder(url.resolve("/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body()))
                .containsEntry("eksauth_aws_auth_configmap_rejected_edits_total", 1.0)
                .containsEntry("eksauth_aws_auth_configmap_ready", 1.0);

        client.configMaps().inNamespace("kube-system").withName("aws-auth").delete();
        Fixtures.await("the deleted ConfigMap maps no one", () -> review(url, admin) == 403);
        assertThat(get(url.resolve("/readyz"))).isEqualTo(503);
    }
}
