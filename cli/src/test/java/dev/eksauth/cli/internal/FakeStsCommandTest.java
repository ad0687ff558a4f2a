package dev.eksauth.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import dev.eksauth.testkit.StsIdentity;

class FakeStsCommandTest {
    @Test
    void runsAnStsThatVerifiesTokensSignedWithTheRegisteredKeys() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Shell.Background sts = new Shell().start("fake-sts", "--port", String.valueOf(port),
                "--identity", "AKIAFAKESTSALICE0001:alice-secret:arn:aws:iam::111122223333:user/alice",
                "--identity", "ASIAFAKESTSROLE00001:role-secret:arn:aws:sts::111122223333:assumed-role/Admin/bob:AROAADMIN");
        String url = sts.nextLine();
        assertThat(url).isEqualTo("http://127.0.0.1:" + port);

        Shell.Result token = new Shell().env("AWS_ACCESS_KEY_ID", "ASIAFAKESTSROLE00001")
                .env("AWS_SECRET_ACCESS_KEY", "role-secret").env("AWS_REGION", "us-west-2").run("token", "-i", "prod");
        Shell.Result verified = new Shell().run("verify", "-i", "prod", "--sts-url", url, Fixtures.token(token.out()));

        assertThat(verified.code()).as(verified.err()).isZero();
        assertThat(Fixtures.json(verified.out()).path("userId").asText()).isEqualTo("AROAADMIN");
        assertThat(Fixtures.json(verified.out()).path("sessionName").asText()).isEqualTo("bob");
        assertThat(sts.stop()).isZero();
    }

    @Test
    void readsIdentitySpecsWithColonsInTheArnAndUserId() {
        StsIdentity user = FakeStsCommand.parse("AKID:SECRET:arn:aws:iam::111122223333:user/alice");
        assertThat(user.arn()).isEqualTo("arn:aws:iam::111122223333:user/alice");
        assertThat(user.userId()).startsWith("AIDA").hasSize(21)
                .isEqualTo(FakeStsCommand.parse("OTHER:S:arn:aws:iam::111122223333:user/alice").userId());

        StsIdentity role = FakeStsCommand.parse("AKID:SECRET:arn:aws:sts::111122223333:assumed-role/Admin/s1:AROAX:s1");
        assertThat(role.userId()).isEqualTo("AROAX:s1");
        assertThat(FakeStsCommand.parse("AKID:SECRET:arn:aws:sts::111122223333:assumed-role/Admin/s1:AROAX").userId())
                .isEqualTo("AROAX:s1");
        assertThat(FakeStsCommand.parse("AKID:SECRET:arn:aws:sts::111122223333:assumed-role/Admin/s1").userId())
                .startsWith("AROA").endsWith(":s1");
        assertThat(FakeStsCommand.parse("AKID:SECRET:arn:aws:iam::111122223333:root").userId()).isEqualTo("111122223333");
        assertThat(FakeStsCommand.parse("AKID:SECRET:arn:aws:sts::111122223333:federated-user/fed").userId())
                .isEqualTo("111122223333:fed");
    }

    @Test
    void badSpecsAreUsageErrorsThatDoNotShowTheSecret() {
        assertThatThrownBy(() -> FakeStsCommand.parse("AKID:SECRET")).isInstanceOfSatisfying(CliException.class,
                e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE));
        assertThatThrownBy(() -> FakeStsCommand.parse("AKID:TOPSECRET:arn:aws:s3:::bucket:x:y"))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.getMessage()).doesNotContain("TOPSECRET"));
        Shell.Result r = new Shell().run("fake-sts", "--identity", "AKID:TOPSECRET:nonsense");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).doesNotContain("TOPSECRET");
        assertThat(new Shell().run("fake-sts").code()).isEqualTo(ExitCode.USAGE);
    }
}
