package dev.eksauth.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.eksauth.testkit.FakeEks;
import dev.eksauth.testkit.FakeStsExtension;
import dev.eksauth.testkit.MutableClock;
import dev.eksauth.testkit.StsIdentity;

/** {@code serve --backend-mode access-entries,...}: the cluster's access entries, loaded through the EKS API. */
class ServeAccessEntriesTest {
    static final String ACCOUNT = "111122223333";

    @TempDir
    Path dir;

    final MutableClock clock = Fixtures.clockAtNow();
    final StsIdentity admin = StsIdentity.assumedRole(ACCOUNT, "Admin", "alice");

    @RegisterExtension
    final FakeStsExtension sts = FakeStsExtension.create(fake -> fake.clock(clock).identity(admin));

    final FakeEks eks = FakeEks.create(clock, "us-west-2", ACCOUNT);
    final StsIdentity operator = eks.register(StsIdentity.user(ACCOUNT, "operator"));
    final HttpClient http = HttpClient.newHttpClient();
    Shell.Background running;

    @AfterEach
    void stop() throws Exception {
        if (running != null) {
            running.stop();
        }
        eks.close();
    }

    URI serve(String backends) throws Exception {
        running = ServeCommandTest.startServe(new Shell().clock(clock).env(Fixtures.credentials(operator, "us-west-2"))
                .env("AWS_ENDPOINT_URL_EKS", eks.endpoint().toString()), dir, sts.get(), "--backend-mode", backends);
        return URI.create(running.nextLine());
    }

    HttpResponse<String> review(URI url) throws Exception {
        return http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(ServeCommandTest.review("authentication.k8s.io/v1",
                        ServeCommandTest.sign(admin, clock))))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    int readiness(URI url) throws Exception {
        return http.send(HttpRequest.newBuilder(url.resolve("/readyz")).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void anIdentityWithAnAccessEntryIsMappedByItBeforeAwsAuth() throws Exception {
        eks.addCluster("prod").accessEntry("arn:aws:iam::" + ACCOUNT + ":role/Admin", "STANDARD", "eks-admin",
                List.of("admins"));
        URI url = serve("access-entries,file");

        HttpResponse<String> answer = review(url);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode user = Fixtures.json(answer.body()).path("status").path("user");
        assertThat(user.path("username").asText()).isEqualTo("eks-admin");
        assertThat(user.path("groups").toString()).contains("admins").doesNotContain("system:masters");
        assertThat(readiness(url)).isEqualTo(200);
    }

    @Test
    void anIdentityWithoutAnEntryFallsThroughToAwsAuth() throws Exception {
        eks.addCluster("prod");
        URI url = serve("access-entries,file");

        HttpResponse<String> answer = review(url);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(Fixtures.json(answer.body()).path("status").path("user").path("username").asText())
                .isEqualTo("admin:alice");
    }

    @Test
    void entriesThatCannotBeLoadedAreAnOutageNotADenial() throws Exception {
        eks.addCluster("prod");
        eks.deny("ListAccessEntries");
        URI url = serve("access-entries,file");

        assertThat(review(url).statusCode()).isEqualTo(503);
        assertThat(readiness(url)).isEqualTo(503);
        assertThat(running.err()).contains("cannot load the access entries of prod");
    }
}
