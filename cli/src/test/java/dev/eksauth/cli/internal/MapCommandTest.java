package dev.eksauth.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.eksauth.mapping.AuthenticationResult;
import dev.eksauth.mapping.UnavailableReason;
import dev.eksauth.testkit.FakeStsExtension;
import dev.eksauth.testkit.MutableClock;
import dev.eksauth.testkit.StsIdentity;
import dev.eksauth.token.EksTokenGenerator;
import software.amazon.awssdk.regions.Region;

class MapCommandTest {
    static final String AWS_AUTH = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: aws-auth
              namespace: kube-system
            data:
              mapRoles: |
                - rolearn: arn:aws:iam::111122223333:role/team/Admin
                  username: admin:{{SessionName}}
                  groups: [system:masters]
                - rolearn: arn:aws:iam::111122223333:role/Nodes
                  username: system:node:{{SessionName}}
                  groups: [system:nodes]
                - rolearn: arn:aws:iam::111122223333:role/Special
                  userid: AROASPECIALROLE0001
                  username: special
              mapUsers: |
                - userarn: arn:aws:iam::111122223333:user/ops
                  username: ops-{{AccessKeyID}}
                  groups: [ops]
              mapAccounts: |
                - "444455556666"
            """;

    @TempDir
    Path dir;

    final MutableClock clock = Fixtures.clockAtNow();

    @RegisterExtension
    final FakeStsExtension sts = FakeStsExtension.create(fake -> fake.clock(clock));

    Path awsAuth(String text) throws Exception {
        Path file = dir.resolve("aws-auth.yaml");
        Files.writeString(file, text);
        return file;
    }

    Shell.Result map(String... args) throws Exception {
        String[] all = new String[3 + args.length];
        all[0] = "map";
        all[1] = "--aws-auth";
        all[2] = awsAuth(AWS_AUTH).toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return new Shell().clock(clock).run(all);
    }

    @Test
    void mapsARoleSessionThroughThePathlessRoleArn() throws Exception {
        Shell.Result r = map("--arn", "arn:aws:iam::111122223333:role/Admin", "--session-name", "alice@example.com");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode user = Fixtures.json(r.out());
        assertThat(user.path("username").asText()).isEqualTo("admin:alice-example.com");
        assertThat(user.path("groups").get(0).asText()).isEqualTo("system:masters");
        assertThat(user.path("uid").asText()).isEqualTo("aws-iam-authenticator:111122223333:UNKNOWN");
        assertThat(user.path("source").asText()).isEqualTo("mapRoles[0]");
        assertThat(user.path("extra").path("sessionName").get(0).asText()).isEqualTo("alice@example.com");
    }

    @Test
    void mapsAnAssumedRoleArnAsGiven() throws Exception {
        Shell.Result r = map("--arn", "arn:aws:sts::111122223333:assumed-role/Nodes/i-0abc", "--user-id", "AROANODES");

        assertThat(Fixtures.json(r.out()).path("username").asText()).isEqualTo("system:node:i-0abc");
        assertThat(Fixtures.json(r.out()).path("uid").asText()).isEqualTo("aws-iam-authenticator:111122223333:AROANODES");
    }

    @Test
    void matchesUserIdEntriesAndRendersTheAccessKeyId() throws Exception {
        assertThat(Fixtures.json(map("--arn", "arn:aws:iam::111122223333:role/Whatever", "--user-id",
                "AROASPECIALROLE0001").out()).path("username").asText()).isEqualTo("special");
        assertThat(Fixtures.json(map("--arn", "arn:aws:iam::111122223333:user/ops", "--access-key-id",
                "AKIAOPS").out()).path("username").asText()).isEqualTo("ops-AKIAOPS");
    }

    @Test
    void aMappedAccountMapsAnyPrincipalToItsArn() throws Exception {
        Shell.Result r = map("--arn", "arn:aws:iam::444455556666:user/anyone");

        assertThat(Fixtures.json(r.out()).path("username").asText()).isEqualTo("arn:aws:iam::444455556666:user/anyone");
        assertThat(Fixtures.json(r.out()).path("source").asText()).isEqualTo("mapAccounts");
    }

    @Test
    void anUnmappedIdentityExitsOneAndSaysWhy() throws Exception {
        Shell.Result r = map("--arn", "arn:aws:iam::111122223333:user/mallory");

        assertThat(r.code()).isEqualTo(ExitCode.DENIED);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("WARNING mapRoles[0]: rolearn arn:aws:iam::111122223333:role/team/Admin has a path")
                .endsWith("\neksauth map: not mapped (NOT_MAPPED): no mapping for arn:aws:iam::111122223333:user/mallory\n");
    }

    @Test
    void aMappingThatCannotBeDecidedNowExitsThree() {
        AuthenticationResult unavailable = AuthenticationResult.Unavailable.of(
                UnavailableReason.PRIVATE_DNS_NAME_UNAVAILABLE, "EC2 is down", Optional.empty());

        assertThatThrownBy(() -> MapCommand.mapped(unavailable)).isInstanceOfSatisfying(CliException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCode.STS_UNAVAILABLE);
            assertThat(e.getMessage()).isEqualTo("cannot map now (PRIVATE_DNS_NAME_UNAVAILABLE): EC2 is down; retry later");
        });
    }

    @Test
    void reportsProblemsAndStillMapsWithTheGoodEntries() throws Exception {
        Path file = awsAuth("""
                apiVersion: v1
                kind: ConfigMap
                data:
                  mapRoles: |
                    - rolearn: arn:aws:iam::111122223333:user/not-a-role
                      username: broken
                    - rolearn: arn:aws:iam::111122223333:role/Good
                      username: good
                """);

        Shell.Result r = new Shell().run("map", "--aws-auth", file.toString(), "--arn", "arn:aws:iam::111122223333:role/Good");

        assertThat(r.code()).isZero();
        assertThat(Fixtures.json(r.out()).path("username").asText()).isEqualTo("good");
        assertThat(r.err()).startsWith("eksauth map: " + file + ": ERROR mapRoles[0]: ");
    }

    @Test
    void mapsTheIdentityOfAVerifiedToken() throws Exception {
        StsIdentity ops = sts.get().register(new StsIdentity("AKIAOPSKEY0000000001", "secret", java.util.Optional.empty(),
                "arn:aws:iam::111122223333:user/ops", "AIDAOPS"));
        String token;
        try (EksTokenGenerator g = EksTokenGenerator.builder().clusterId("prod").region(Region.US_WEST_2)
                .credentialsProvider(ops.credentialsProvider()).clock(clock).build()) {
            token = g.generate().value();
        }

        Shell.Result r = map("--token", "-", "-i", "prod", "--sts-url", sts.get().endpoint().toString());
        assertThat(r.code()).as("no token on standard input").isEqualTo(ExitCode.DENIED);

        Shell.Result ok = new Shell().clock(clock).stdin(token).run("map", "--aws-auth", awsAuth(AWS_AUTH).toString(),
                "--token", "-", "-i", "prod", "--sts-url", sts.get().endpoint().toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        JsonNode user = Fixtures.json(ok.out());
        assertThat(user.path("username").asText()).isEqualTo("ops-AKIAOPSKEY0000000001");
        assertThat(user.path("uid").asText()).isEqualTo("aws-iam-authenticator:111122223333:AIDAOPS");
    }

    @Test
    void aMissingOrUnreadableFileExitsFour() throws Exception {
        Shell.Result missing = new Shell().run("map", "--aws-auth", dir.resolve("nope.yaml").toString(), "--arn",
                "arn:aws:iam::111122223333:user/ops");
        assertThat(missing.code()).isEqualTo(ExitCode.INPUT);
        assertThat(missing.err()).contains("no aws-auth file").contains("nope.yaml");

        Shell.Result broken = new Shell().run("map", "--aws-auth", awsAuth("data: [unclosed\n").toString(), "--arn",
                "arn:aws:iam::111122223333:user/ops");
        assertThat(broken.code()).isEqualTo(ExitCode.INPUT);
        assertThat(broken.err()).startsWith("eksauth map: bad aws-auth file");
    }

    @Test
    void usageErrors() throws Exception {
        assertThat(map().code()).as("neither --arn nor --token").isEqualTo(ExitCode.USAGE);
        assertThat(map("--arn", "arn:aws:iam::1:user/x", "--token", "t").code()).isEqualTo(ExitCode.USAGE);
        assertThat(map("--token", "t").code()).as("--token without -i").isEqualTo(ExitCode.USAGE);
        assertThat(map("--arn", "arn:aws:s3:::bucket").code()).isEqualTo(ExitCode.USAGE);
        assertThat(map("--arn", "arn:aws:iam::111122223333:user/ops", "--session-name", "s1").code())
                .isEqualTo(ExitCode.USAGE);
        assertThat(map("--token", "t", "-i", "prod", "--user-id", "X").code()).isEqualTo(ExitCode.USAGE);
        assertThat(map("--arn", "arn:aws:iam::111122223333:role/Admin", "--session-name", "a/b").code())
                .as("a session name with a slash").isEqualTo(ExitCode.USAGE);
        assertThat(map("--arn", "arn:aws:iam::111122223333:user/ops", "-i", "prod").code()).isEqualTo(ExitCode.USAGE);
    }
}
