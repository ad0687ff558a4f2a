package dev.eksauth.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** can-i, who-can and rbac-audit, end to end from files. */
class CanICommandTest {
    static final String RBAC = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: deployers, namespace: team}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
            subjects: [{kind: Group, name: deployers}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: readers}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
            subjects: [{kind: User, name: "arn:aws:sts::111122223333:assumed-role/Reader/alice"}]
            """;
    static final String AWS_AUTH = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: aws-auth, namespace: kube-system}
            data:
              mapRoles: |
                - rolearn: arn:aws:iam::111122223333:role/ci/Deployer
                  username: deployer:{{SessionName}}
                  groups: [deployers]
                - rolearn: arn:aws:iam::111122223333:role/Shadowed
                  username: root
                  groups: [system:masters]
            """;
    static final String ENTRIES = """
            {"accessEntries": [
              {"principalArn": "arn:aws:iam::111122223333:role/Reader"},
              {"principalArn": "arn:aws:iam::111122223333:role/Shadowed",
               "accessPolicies": [{"policyArn": "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy",
                                   "accessScope": {"type": "namespace", "namespaces": ["team"]}}]}
            ]}
            """;

    @TempDir
    Path dir;

    Shell.Result run(String... args) throws Exception {
        Files.writeString(dir.resolve("rbac.yaml"), RBAC);
        Files.writeString(dir.resolve("aws-auth.yaml"), AWS_AUTH);
        Files.writeString(dir.resolve("entries.json"), ENTRIES);
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--rbac";
        all[args.length + 1] = dir.resolve("rbac.yaml").toString();
        all[args.length + 2] = "--with-defaults";
        all[args.length + 3] = "--access-entries=" + dir.resolve("entries.json");
        return new Shell().run(all);
    }

    String awsAuth() {
        return "--aws-auth=" + dir.resolve("aws-auth.yaml");
    }

    @Nested
    class AsAUser {
        @Test
        void answersYesOrNoAndExitsZeroOrOne() throws Exception {
            Shell.Result yes = run("can-i", "create", "deployments.apps", "-n", "team", "--as", "bob", "--as-group", "deployers");
            Shell.Result no = run("can-i", "create", "deployments.apps", "-n", "other", "--as", "bob", "--as-group", "deployers");

            assertThat(yes.out()).isEqualTo("yes\n");
            assertThat(yes.code()).as(yes.err()).isZero();
            assertThat(no.out()).isEqualTo("no\n");
            assertThat(no.code()).isEqualTo(ExitCode.DENIED);
        }

        @Test
        void explainNamesTheBindingRoleAndRule() throws Exception {
            Shell.Result r = run("can-i", "get", "/version", "--as", "anyone", "--explain");

            assertThat(r.out()).startsWith("yes\n").contains("ClusterRoleBinding system:discovery grants ClusterRole system:discovery");
        }

        @Test
        void listPrintsTheRulesThatApply() throws Exception {
            Shell.Result r = run("can-i", "--list", "-n", "team", "--as", "bob", "--as-group", "deployers");

            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).startsWith("Resources").contains("deployments.apps", "[/version]", "selfsubjectaccessreviews");
        }

        @Test
        void aMalformedResourceIsAUsageError() throws Exception {
            assertThat(run("can-i", "get", "pods/a/b", "--as", "x").code()).isEqualTo(ExitCode.USAGE);
            assertThat(run("can-i", "get", "/healthz", "-n", "x", "--as", "x").code()).isEqualTo(ExitCode.USAGE);
        }
    }

    @Nested
    class AsAnIamIdentity {
        @Test
        void aRoleWrittenWithAPathMatchesNoSessionAsInEksAndExplainSaysSo() throws Exception {
            Shell.Result r = run("can-i", "create", "deployments.apps", "-n", "team", "--arn",
                    "arn:aws:sts::111122223333:assumed-role/Deployer/ci-42", awsAuth(), "--explain");

            assertThat(r.code()).isEqualTo(ExitCode.DENIED);
            assertThat(r.out()).startsWith("no\n").contains("strict-as-eks", "--role-arn-matching lenient, mapRoles[0] would map");
            assertThat(r.err()).contains("WARNING mapRoles[0]: rolearn", "has a path");
        }

        @Test
        void theLenientReadingIsAnOption() throws Exception {
            Shell.Result r = run("can-i", "create", "deployments.apps", "-n", "team", "--arn",
                    "arn:aws:sts::111122223333:assumed-role/Deployer/ci-42", awsAuth(), "--role-arn-matching", "lenient",
                    "--explain");

            assertThat(r.out()).startsWith("yes\n").contains("mapRoles[0] maps it to user deployer:ci-42",
                    "EKS itself would not match mapRoles[0]");
        }

        @Test
        void anAccessEntryTakesPrecedenceOverAwsAuth() throws Exception {
            Shell.Result masters = run("can-i", "delete", "nodes", "--arn", "arn:aws:sts::111122223333:assumed-role/Shadowed/s1",
                    awsAuth(), "--explain");
            Shell.Result scoped = run("can-i", "list", "pods", "-n", "team", "--arn",
                    "arn:aws:sts::111122223333:assumed-role/Shadowed/s1", awsAuth(), "--explain");

            assertThat(masters.out()).startsWith("no\n").contains("aws-auth is not consulted");
            assertThat(scoped.out()).startsWith("yes\n").contains("access policy AmazonEKSViewPolicy");
        }

        @Test
        void theEntrysDefaultUsernameIsTheSessionArn() throws Exception {
            Shell.Result r = run("can-i", "list", "pods", "--arn", "arn:aws:sts::111122223333:assumed-role/Reader/alice");

            assertThat(r.out()).isEqualTo("yes\n");
        }

        @Test
        void anUnmappedIdentityIsNoWithTheReason() throws Exception {
            Shell.Result r = run("can-i", "get", "pods", "--arn", "arn:aws:iam::111122223333:user/mallory", awsAuth(), "--explain");

            assertThat(r.code()).isEqualTo(ExitCode.DENIED);
            assertThat(r.out()).startsWith("no\n").contains("maps to no user (NOT_MAPPED)");
        }
    }

    @Nested
    class WhoCanAndAudit {
        @Test
        void whoCanPrintsSubjectsAndThePrincipalsBehindThem() throws Exception {
            Shell.Result r = run("who-can", "create", "deployments.apps", "-n", "team", awsAuth(), "--role-arn-matching", "lenient");

            assertThat(r.code()).as(r.err()).isZero();
            JsonNode json = Fixtures.json(r.out());
            assertThat(json.path("subjects").findValuesAsText("name")).contains("system:masters", "deployers");
            assertThat(json.path("principals").findValuesAsText("principal"))
                    .contains("arn:aws:iam::111122223333:role/ci/Deployer").doesNotContain("arn:aws:iam::111122223333:role/Shadowed");
        }

        @Test
        void whoCanLeavesOutRolesWrittenWithAPathAsEksDoes() throws Exception {
            Shell.Result r = run("who-can", "create", "deployments.apps", "-n", "team", awsAuth());

            assertThat(Fixtures.json(r.out()).path("principals").findValuesAsText("principal"))
                    .doesNotContain("arn:aws:iam::111122223333:role/ci/Deployer");
        }

        @Test
        void rbacAuditPrintsStableJson() throws Exception {
            Shell.Result r = run("rbac-audit", awsAuth());

            assertThat(r.code()).as(r.err()).isZero();
            assertThat(Fixtures.json(r.out()).path("findings").findValuesAsText("check")).contains("cluster_admin", "read_secrets");
            assertThat(run("rbac-audit", awsAuth()).out()).isEqualTo(r.out());
        }
    }
}
