package dev.eksauth.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import dev.eksauth.testkit.FakeStsExtension;
import dev.eksauth.testkit.MutableClock;
import dev.eksauth.testkit.StsIdentity;
import dev.eksauth.token.EksTokenGenerator;
import software.amazon.awssdk.regions.Region;

class VerifyCommandTest {
    final MutableClock clock = Fixtures.clockAtNow();
    final StsIdentity admin = StsIdentity.assumedRole("111122223333", "Admin", "alice@example.com");

    @RegisterExtension
    final FakeStsExtension sts = FakeStsExtension.create(fake -> fake.clock(clock).identity(admin));

    final String token = sign(admin, "prod");

    String sign(StsIdentity who, String clusterId) {
        try (EksTokenGenerator generator = EksTokenGenerator.builder().clusterId(clusterId).region(Region.US_WEST_2)
                .credentialsProvider(who.credentialsProvider()).clock(clock).build()) {
            return generator.generate().value();
        }
    }

    Shell.Result verify(String stdin, String... args) {
        String[] all = new String[5 + args.length];
        all[0] = "verify";
        all[1] = "-i";
        all[2] = "prod";
        all[3] = "--sts-url";
        all[4] = sts.get().endpoint().toString();
        System.arraycopy(args, 0, all, 5, args.length);
        return new Shell().clock(clock).stdin(stdin).run(all);
    }

    @Test
    void printsTheVerifiedIdentityAsJson() {
        Shell.Result r = verify("", token);

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode who = Fixtures.json(r.out());
        assertThat(who.path("arn").asText()).isEqualTo(admin.arn());
        assertThat(who.path("canonicalArn").asText()).isEqualTo("arn:aws:iam::111122223333:role/Admin");
        assertThat(who.path("accountId").asText()).isEqualTo("111122223333");
        assertThat(who.path("userId").asText()).isEqualTo(admin.userId().substring(0, admin.userId().indexOf(':')));
        assertThat(who.path("sessionName").asText()).isEqualTo("alice@example.com");
        assertThat(who.path("accessKeyId").asText()).isEqualTo(admin.accessKeyId());
        assertThat(who.path("stsEndpoint").asText()).isEqualTo("sts.us-west-2.amazonaws.com");
    }

    @Test
    void readsTheTokenFromStandardInputByDefaultOrWithADash() {
        assertThat(verify(token + "\n").code()).isZero();
        assertThat(verify("  " + token + "\n", "-").code()).isZero();
    }

    @Test
    void aMalformedTokenExitsOneWithOneLineWithoutTheToken() {
        String tampered = token.substring(0, token.length() - 3) + "!!!";

        Shell.Result r = verify(tampered);

        assertThat(r.code()).isEqualTo(ExitCode.DENIED);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).hasSize(1).first().asString().startsWith("eksauth verify: invalid token (BAD_ENCODING)");
        assertThat(r.err()).doesNotContain(token.substring(20, 60));
        assertThat(sts.get().requestCount()).isZero();
    }

    @Test
    void anExpiredTokenIsInvalid() {
        clock.advance(Duration.ofMinutes(16));

        assertThat(verify(token).err()).contains("expired token");
    }

    @Test
    void aTokenForAnotherClusterIsRejectedBySts() {
        Shell.Result r = verify(sign(admin, "staging"));

        assertThat(r.code()).isEqualTo(ExitCode.DENIED);
        assertThat(r.err()).startsWith("eksauth verify: STS rejected the token (HTTP 403 SignatureDoesNotMatch)");
    }

    @Test
    void anEmptyInputIsInvalid() {
        Shell.Result r = verify("\n");

        assertThat(r.code()).isEqualTo(ExitCode.DENIED);
        assertThat(r.err()).contains("(EMPTY)");
    }

    @Test
    void anUnreachableStsExitsThree() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Shell.Result r = new Shell().clock(clock).run("verify", "-i", "prod", "--sts-url", "http://127.0.0.1:" + port,
                "--sts-timeout", "300ms", token);

        assertThat(r.code()).isEqualTo(ExitCode.STS_UNAVAILABLE);
        assertThat(r.err()).startsWith("eksauth verify: STS unavailable: could not reach STS");
    }

    @Test
    void stsThrottlingUntilTheDeadlineExitsThree() {
        sts.get().throttleNext(Integer.MAX_VALUE);

        Shell.Result r = verify("", "--sts-timeout", "300ms", token);

        assertThat(r.code()).isEqualTo(ExitCode.STS_UNAVAILABLE);
        assertThat(r.err()).startsWith("eksauth verify: STS throttled");
    }

    @Test
    void anotherPartitionsHostIsRefusedAndAConfiguredRegionAccepted() {
        assertThat(verify("", "--partition", "aws-cn", token).err()).contains("(BAD_HOST)");
        assertThat(verify("", "--partition", "atlantis", token).code()).isEqualTo(ExitCode.USAGE);
        assertThat(verify("", "--region", "Bad_Region", token).code()).isEqualTo(ExitCode.USAGE);
        assertThat(verify("", "--region", "us-west-2", token).code()).isZero();
    }

    @Test
    void usageErrors() {
        assertThat(new Shell().run("verify", token).code()).isEqualTo(ExitCode.USAGE);
        assertThat(verify("", "--sts-timeout", "soon", token).code()).isEqualTo(ExitCode.USAGE);
        assertThat(verify("", "--sts-timeout", "0s", token).code()).isEqualTo(ExitCode.USAGE);
        assertThat(new Shell().run("verify", "-i", "prod", "--sts-url", "not a url", token).code()).isEqualTo(ExitCode.USAGE);
        assertThat(verify("", token, "extra").code()).isEqualTo(ExitCode.USAGE);
    }
}
