package dev.eksauth.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.eksauth.testkit.FakeSts;
import dev.eksauth.testkit.FakeStsExtension;
import dev.eksauth.testkit.MutableClock;
import dev.eksauth.testkit.StsIdentity;
import dev.eksauth.token.EksTokenVerifier;

/**
 * Role sessions kept on disk by {@code eksauth token}: one AssumeRole per session, shared by
 * concurrent runs, never trusted from a file another user could have written; {@code --no-cache}.
 */
class CredentialsCacheTest {
    static final String ADMIN = "arn:aws:iam::111122223333:role/Admin";

    final MutableClock clock = Fixtures.clockAtNow();
    final StsIdentity alice = StsIdentity.user("111122223333", "alice");

    @RegisterExtension
    final FakeStsExtension sts = FakeStsExtension.create(fake -> fake.clock(clock).identity(alice));

    @TempDir
    Path home;

    Shell kubectl() {
        return new Shell().clock(clock).env(Fixtures.credentials(alice, "us-west-2"))
                .env("XDG_CACHE_HOME", home.toString()).env("AWS_ENDPOINT_URL_STS", sts.get().endpoint().toString());
    }

    Shell.Result asAdmin(String... extra) {
        List<String> args = new ArrayList<>(List.of("token", "-i", "prod", "--role-arn", ADMIN));
        args.addAll(List.of(extra));
        return kubectl().run(args.toArray(String[]::new));
    }

    String adminToken(String... extra) {
        Shell.Result r = asAdmin(extra);
        assertThat(r.code()).as(r.err()).isZero();
        return Fixtures.token(r.out());
    }

    Path credentials() {
        return home.resolve("eksauth").resolve("credentials");
    }

    Path onlyFile() throws Exception {
        try (var files = Files.list(credentials())) {
            return files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
        }
    }

    @Test
    void oneAssumeRoleServesEveryTokenUntilFifteenMinutesBeforeTheSessionExpires() {
        String first = adminToken();
        clock.advance(Duration.ofMinutes(44).plusSeconds(59));
        String later = adminToken();

        assertThat(sts.get().requestCount("AssumeRole")).isEqualTo(1);
        assertThat(EksTokenVerifier.builder().clusterId("prod").clock(clock).stsEndpointOverride(sts.get().endpoint()).build()
                .verify(later).arn().toString()).startsWith("arn:aws:sts::111122223333:assumed-role/Admin/");
        assertThat(later).isNotEqualTo(first);

        clock.advance(Duration.ofSeconds(1));
        long before = sts.get().requestCount();
        asAdmin(); // the SDK signs AssumeRole with the system clock, which the fake, 45 minutes ahead, refuses
        assertThat(sts.get().requestCount() - before).as("due at exactly fifteen minutes before expiry").isEqualTo(1);
    }

    @Test
    void keepsSessionsInAPrivateDirectoryAndFile() throws Exception {
        adminToken();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(onlyFile()))).isEqualTo("rw-------");
    }

    @Test
    void noCacheAssumesTheRoleOnEveryRunAndWritesNothing() {
        adminToken("--no-cache");
        adminToken("--no-cache");

        assertThat(sts.get().requestCount("AssumeRole")).isEqualTo(2);
        assertThat(credentials()).doesNotExist();
    }

    @Test
    void noCacheAndCacheExcludeEachOther() {
        assertThat(asAdmin("--cache", "--no-cache").code()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void differentRolesSessionNamesAndCallersNeverShareASession() {
        adminToken();
        adminToken("--session-name", "other");
        kubectl().run("token", "-i", "prod", "--role-arn", "arn:aws:iam::111122223333:role/Viewer");
        StsIdentity bob = sts.get().register(StsIdentity.user("111122223333", "bob"));
        Shell.Result asBob = kubectl().env(Fixtures.credentials(bob, "us-west-2")).run("token", "-i", "prod", "--role-arn", ADMIN);

        assertThat(asBob.code()).as(asBob.err()).isZero();
        assertThat(sts.get().requestCount("AssumeRole")).isEqualTo(4);
    }

    @Test
    void twoConcurrentRunsMakeOneAssumeRoleCall() throws Exception {
        sts.get().delayResponses(Duration.ofMillis(300));
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Shell.Result>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return asAdmin();
            }));
        }
        start.countDown();

        for (CompletableFuture<Shell.Result> run : runs) {
            Shell.Result r = run.get(60, TimeUnit.SECONDS);
            assertThat(r.code()).as(r.err()).isZero();
        }
        assertThat(sts.get().requestCount("AssumeRole")).isEqualTo(1);
    }

    @Test
    void twoConcurrentProcessesMakeOneAssumeRoleCall() throws Exception {
        try (FakeSts shared = FakeSts.create()) {
            StsIdentity carol = shared.register(StsIdentity.user("111122223333", "carol"));
            shared.delayResponses(Duration.ofMillis(300));
            List<Process> processes = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                ProcessBuilder kubectl = ProcessTest.eksauth("token", "-i", "prod", "--role-arn", ADMIN);
                kubectl.environment().putAll(Fixtures.credentials(carol, "us-west-2"));
                kubectl.environment().put("AWS_ENDPOINT_URL_STS", shared.endpoint().toString());
                kubectl.environment().put("XDG_CACHE_HOME", home.toString());
                processes.add(kubectl.redirectError(home.resolve("err-" + i + ".txt").toFile()).start());
            }
            for (Process p : processes) {
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).as(out).isZero();
                assertThat(Fixtures.token(out)).startsWith("k8s-aws-v1.");
            }
            assertThat(shared.requestCount("AssumeRole")).isEqualTo(1);
        }
    }

    @Nested
    class FilesThatAreNotTrusted {
        @Test
        void aCorruptFileIsIgnoredAndReplaced() throws Exception {
            adminToken();
            Path file = onlyFile();
            Files.writeString(file, "{\"key\":");

            Shell.Result r = asAdmin();

            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.err()).isEmpty();
            assertThat(sts.get().requestCount("AssumeRole")).isEqualTo(2);
            assertThat(Fixtures.json(Files.readString(file)).path("sessionToken").asText()).isNotEmpty();
        }

        @Test
        void aFileOwnedByAnotherUserIsIgnoredAndReplaced() throws Exception {
            adminToken();
            Path file = onlyFile();
            TokenCacheTest.giveToAnotherUser(file);

            Shell.Result r = asAdmin();

            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.err()).startsWith("eksauth token: warning: ignoring the cached credentials: " + file + " belongs to")
                    .hasLineCount(1);
            assertThat(sts.get().requestCount("AssumeRole")).isEqualTo(2);
            assertThat(Files.getOwner(file, LinkOption.NOFOLLOW_LINKS)).isEqualTo(Files.getOwner(credentials()));
        }

        @Test
        void aFileStoredUnderAnotherKeyIsNotUsed() throws Exception {
            adminToken();
            Path file = onlyFile();
            Path other = file.resolveSibling("0".repeat(40) + ".json");
            Files.move(file, other);
            Files.writeString(file, Files.readString(other).replaceFirst("\"key\":\"[0-9a-f]+\"", "\"key\":\"" + "0".repeat(40) + "\""));

            assertThat(asAdmin().code()).isZero();
            assertThat(sts.get().requestCount("AssumeRole")).isEqualTo(2);
        }

        @Test
        void aGroupWritableDirectoryIsIgnoredAndTightened() throws Exception {
            adminToken();
            Files.setPosixFilePermissions(credentials(), PosixFilePermissions.fromString("rwxrwx---"));

            Shell.Result r = asAdmin();

            assertThat(r.err()).contains(credentials() + " is writable by group or others");
            assertThat(sts.get().requestCount("AssumeRole")).isEqualTo(2);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials()))).isEqualTo("rwx------");
        }
    }
}
