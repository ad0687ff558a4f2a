package dev.eksauth.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.eksauth.testkit.FakeStsExtension;
import dev.eksauth.testkit.MutableClock;
import dev.eksauth.testkit.StsIdentity;

/** Nodes through {@code serve} and {@code map}: {@code {{EC2PrivateDNSName}}} looked up in a loopback EC2. */
class ServeNodesTest {
    static final String INSTANCE = "i-0123456789abcdef0";
    static final String DNS_NAME = "ip-10-0-0-1.us-west-2.compute.internal";
    static final String AWS_AUTH = """
            apiVersion: v1
            kind: ConfigMap
            data:
              mapRoles: |
                - rolearn: arn:aws:iam::111122223333:role/NodeRole
                  username: system:node:{{EC2PrivateDNSName}}
                  groups: [system:bootstrappers, system:nodes]
                - rolearn: arn:aws:iam::111122223333:role/Admin
                  username: admin:{{SessionName}}
                  groups: [system:masters]
            """;

    @TempDir
    Path dir;

    final MutableClock clock = Fixtures.clockAtNow();
    final StsIdentity node = StsIdentity.assumedRole("111122223333", "NodeRole", INSTANCE);
    final StsIdentity admin = StsIdentity.assumedRole("111122223333", "Admin", "alice");
    final StsIdentity server = StsIdentity.user("111122223333", "authenticator");

    @RegisterExtension
    final FakeStsExtension sts = FakeStsExtension.create(fake -> fake.clock(clock).identity(node).identity(admin)
            .identity(server));

    final FakeEc2 ec2 = fakeEc2();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final List<Shell.Background> running = new ArrayList<>();

    static FakeEc2 fakeEc2() {
        try {
            return new FakeEc2().instance(INSTANCE, DNS_NAME);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (Shell.Background b : running) {
            b.stop();
        }
        ec2.close();
    }

    /** The server's own AWS settings: its credentials, region, and the loopback EC2 and STS. */
    Shell shell() {
        return new Shell().clock(clock).env("HOME", dir.toString()).env("AWS_ACCESS_KEY_ID", server.accessKeyId())
                .env("AWS_SECRET_ACCESS_KEY", server.secretAccessKey()).env("AWS_REGION", "us-west-2")
                .env("AWS_ENDPOINT_URL_EC2", ec2.endpoint().toString())
                .env("AWS_ENDPOINT_URL_STS", sts.get().endpoint().toString());
    }

    URI serve(String... extra) throws Exception {
        Path file = dir.resolve("aws-auth.yaml");
        Files.writeString(file, AWS_AUTH);
        List<String> args = new ArrayList<>(List.of("serve", "-i", "prod", "--aws-auth", file.toString(), "--port", "0",
                "--sts-url", sts.get().endpoint().toString(), "--ec2-batch-window", "0s"));
        args.addAll(List.of(extra));
        Shell.Background b = shell().start(args.toArray(String[]::new));
        running.add(b);
        return URI.create(b.nextLine());
    }

    HttpResponse<String> review(URI url, StsIdentity who) throws Exception {
        String body = ServeCommandTest.review("authentication.k8s.io/v1", ServeCommandTest.sign(who, clock));
        return http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Nested
    class Serve {
        @Test
        void aNodesTokenMapsToItsPrivateDnsName() throws Exception {
            URI url = serve();

            HttpResponse<String> r = review(url, node);

            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode user = Fixtures.json(r.body()).path("status").path("user");
            assertThat(user.path("username").asText()).isEqualTo("system:node:" + DNS_NAME);
            assertThat(user.path("groups").toString()).contains("system:nodes");
            assertThat(ec2.signers()).containsExactly(server.accessKeyId());
        }

        @Test
        void describeInstancesIsSignedWithTheRoleToAssume() throws Exception {
            URI url = serve("--ec2-role-arn", "arn:aws:iam::111122223333:role/NodeLookup");

            assertThat(review(url, node).statusCode()).isEqualTo(200);

            assertThat(sts.get().requestCount("AssumeRole")).isEqualTo(1);
            assertThat(ec2.signers()).singleElement().isNotEqualTo(server.accessKeyId());
        }

        @Test
        void anEc2FailureIsUnavailableNotADenial() throws Exception {
            URI url = serve();
            ec2.failWith(503);

            HttpResponse<String> r = review(url, node);

            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).isPresent();
            assertThat(Fixtures.json(r.body()).path("status").path("authenticated").asBoolean()).isFalse();
        }

        @Test
        void aMappingWithoutThePlaceholderNeverCallsEc2() throws Exception {
            URI url = serve();

            assertThat(review(url, admin).statusCode()).isEqualTo(200);

            assertThat(ec2.signers()).isEmpty();
        }
    }

    @Nested
    class Map {
        @Test
        void aNodesArnMapsToItsPrivateDnsName() throws Exception {
            Path file = dir.resolve("aws-auth.yaml");
            Files.writeString(file, AWS_AUTH);

            Shell.Result r = shell().run("map", "--aws-auth", file.toString(), "--arn", node.arn());

            assertThat(r.code()).as(r.err()).isZero();
            assertThat(Fixtures.json(r.out()).path("username").asText()).isEqualTo("system:node:" + DNS_NAME);
        }

        @Test
        void anEc2FailureIsUnavailableNotADenial() throws Exception {
            Path file = dir.resolve("aws-auth.yaml");
            Files.writeString(file, AWS_AUTH);
            ec2.failWith(503);

            Shell.Result r = shell().run("map", "--aws-auth", file.toString(), "--arn", node.arn());

            assertThat(r.code()).isEqualTo(ExitCode.STS_UNAVAILABLE);
            assertThat(r.err()).contains("retry later");
        }
    }
}
