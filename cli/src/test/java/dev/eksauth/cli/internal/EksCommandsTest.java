package dev.eksauth.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.eksauth.testkit.FakeEks;
import dev.eksauth.testkit.FakeEksExtension;
import dev.eksauth.testkit.StsIdentity;

class EksCommandsTest {
    private static final String A = "111122223333";

    @RegisterExtension
    final FakeEksExtension fake = FakeEksExtension.create();

    @TempDir
    Path dir;

    private FakeEks eks;
    private Shell shell;

    @BeforeEach
    void setUp() {
        eks = fake.get();
        StsIdentity admin = eks.register(StsIdentity.user(A, "admin"));
        shell = new Shell().env(Fixtures.credentials(admin, "us-west-2")).env("AWS_ENDPOINT_URL_EKS", eks.endpoint().toString());
        eks.addCluster("prod")
                .accessEntry("arn:aws:iam::" + A + ":role/dev", "STANDARD", null, List.of("developers"))
                .accessPolicy("arn:aws:iam::" + A + ":role/dev", "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy", "dev")
                .accessEntry("arn:aws:iam::" + A + ":role/nodes", "EC2_LINUX", null, List.of());
    }

    @Nested
    class AccessEntriesExport {
        @Test
        void printsTheEntriesInTheOfflineJsonForm() {
            Shell.Result r = shell.run("access-entries", "export", "--cluster-name", "prod");

            assertThat(r.code()).as(r.err()).isZero();
            JsonNode entries = Fixtures.json(r.out()).get("accessEntries");
            assertThat(entries).hasSize(2);
            assertThat(entries.get(0).get("principalArn").asText()).isEqualTo("arn:aws:iam::" + A + ":role/dev");
            assertThat(entries.get(0).get("accessPolicies").get(0).get("accessScope").get("namespaces").get(0).asText())
                    .isEqualTo("dev");
            assertThat(entries.get(1).get("type").asText()).isEqualTo("EC2_LINUX");
        }

        @Test
        void anUnknownClusterIsOneClearLine() {
            Shell.Result r = shell.run("access-entries", "export", "--cluster-name", "nope");

            assertThat(r.code()).isEqualTo(ExitCode.INPUT);
            assertThat(r.err().strip()).isEqualTo("eksauth access-entries export: EKS cluster nope in us-west-2 does not "
                    + "exist (check the name, the region and the account of your credentials)");
        }

        @Test
        void aDeniedCallNamesThePermissionInOneLine() {
            eks.deny("ListAccessEntries");
            Shell.Result r = shell.run("access-entries", "export", "--cluster-name", "prod");

            assertThat(r.code()).isEqualTo(ExitCode.DENIED);
            assertThat(r.err().lines()).singleElement().asString().contains("eks:ListAccessEntries");
        }

        @Test
        void throttlingIsUnavailableInOneLine() {
            eks.throttleNext(10);
            Shell.Result r = shell.run("access-entries", "export", "--cluster-name", "prod");

            assertThat(r.code()).isEqualTo(ExitCode.STS_UNAVAILABLE);
            assertThat(r.err().lines()).singleElement().asString().contains("throttled");
        }
    }

    @Nested
    class MigrateAwsAuth {
        private Path awsAuth;

        @BeforeEach
        void write() throws Exception {
            awsAuth = Files.writeString(dir.resolve("aws-auth.yaml"), String.join("\n",
                    "apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: aws-auth", "  namespace: kube-system", "data:",
                    "  mapRoles: |",
                    "    - rolearn: arn:aws:iam::" + A + ":role/admins",
                    "      username: admin:{{SessionName}}",
                    "      groups: [system:masters]",
                    "  mapAccounts: |",
                    "    - \"444455556666\"", ""));
        }

        @Test
        void printsThePlanAndTheAwsCliCommands() {
            Shell.Result r = shell.run("migrate-aws-auth", "--aws-auth", awsAuth.toString(), "--cluster-name", "prod");

            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("\"unmigrated\"", "mapAccounts[0]",
                    "aws eks create-access-entry --cluster-name prod --principal-arn arn:aws:iam::" + A
                            + ":role/admins --type STANDARD --username 'admin:{{SessionName}}'",
                    "--access-scope type=cluster");
            assertThat(eks.requestCount("CreateAccessEntry")).isZero();
        }

        @Test
        void appliesOnceAndLeavesTheEntryAloneTheSecondTime() {
            Shell.Result first = shell.run("migrate-aws-auth", "--aws-auth", awsAuth.toString(), "--cluster-name", "prod", "--apply");
            Shell.Result second = shell.run("migrate-aws-auth", "--aws-auth", awsAuth.toString(), "--cluster-name", "prod", "--apply");

            assertThat(first.code()).as(first.err()).isZero();
            assertThat(first.out()).contains("created arn:aws:iam::" + A + ":role/admins");
            assertThat(second.code()).as(second.err()).isZero();
            assertThat(second.out()).contains("unchanged arn:aws:iam::" + A + ":role/admins");
            assertThat(eks.requestCount("CreateAccessEntry")).isEqualTo(1);
            assertThat(eks.cluster("prod").accessPolicies("arn:aws:iam::" + A + ":role/admins"))
                    .containsExactly("arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy");
        }

        @Test
        void applyNeedsAClusterName() {
            Shell.Result r = shell.run("migrate-aws-auth", "--aws-auth", awsAuth.toString(), "--apply");

            assertThat(r.code()).isEqualTo(ExitCode.USAGE);
            assertThat(r.err().strip()).isEqualTo("eksauth migrate-aws-auth: --apply needs --cluster-name");
        }
    }
}
