package dev.eksauth.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.eksauth.testkit.FakeSts;
import dev.eksauth.testkit.MutableClock;
import dev.eksauth.testkit.StsIdentity;
import dev.eksauth.token.EksTokenVerifier;

/** {@code eksauth token --cache}: reuse, expiry, file modes, corrupt files, keys. */
class TokenCacheTest {
    final MutableClock clock = Fixtures.clockAtNow();
    final FakeSts sts = FakeSts.builder().clock(clock).build();
    final StsIdentity alice = sts.register(StsIdentity.user("111122223333", "alice"));

    @TempDir
    Path home;

    @AfterEach
    void stop() {
        sts.close();
    }

    Shell kubectl() {
        return new Shell().clock(clock).env(Fixtures.credentials(alice, "us-west-2"))
                .env("XDG_CACHE_HOME", home.toString());
    }

    String token(String... extra) {
        String[] args = new String[3 + extra.length];
        args[0] = "token";
        args[1] = "-i";
        args[2] = "prod";
        System.arraycopy(extra, 0, args, 3, extra.length);
        Shell.Result r = kubectl().run(args);
        assertThat(r.code()).as(r.err()).isZero();
        return Fixtures.token(r.out());
    }

    Path tokens() {
        return home.resolve("eksauth").resolve("tokens");
    }

    @Test
    void reusesTheCachedTokenUntilAMinuteBeforeItExpires() {
        String first = token("--cache");
        clock.advance(Duration.ofMinutes(12).plusSeconds(59));

        assertThat(token("--cache")).as("still good for over a minute").isEqualTo(first);

        clock.advance(Duration.ofSeconds(1));
        String second = token("--cache");
        assertThat(second).as("due: exactly a minute before expiry").isNotEqualTo(first);
        assertThat(EksTokenVerifier.builder().clusterId("prod").clock(clock).stsEndpointOverride(sts.endpoint()).build()
                .verify(second).arn()).hasToString(alice.arn());
    }

    @Test
    void withoutTheFlagNothingIsReadOrWritten() {
        String first = token();
        clock.advance(Duration.ofSeconds(30));

        assertThat(token()).isNotEqualTo(first);
        assertThat(home.resolve("eksauth")).doesNotExist();
    }

    @Test
    void keepsTokensInAPrivateDirectoryAndFile() throws Exception {
        token("--cache");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("eksauth")))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokens()))).isEqualTo("rwx------");
        try (var files = Files.list(tokens())) {
            List<Path> all = files.toList();
            assertThat(all).hasSize(1).allSatisfy(f -> {
                assertThat(f.getFileName().toString()).matches("[0-9a-f]{40}\\.json");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
            });
        }
    }

    @Test
    void tightensADirectoryOthersCouldRead() throws Exception {
        Files.createDirectories(tokens(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(tokens(), PosixFilePermissions.fromString("rwxr-xr-x"));

        token("--cache");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokens()))).isEqualTo("rwx------");
    }

    @Test
    void aCorruptCacheFileIsIgnoredAndReplaced() throws Exception {
        token("--cache");
        Path file;
        try (var files = Files.list(tokens())) {
            file = files.findFirst().orElseThrow();
        }
        Files.writeString(file, "{\"token\": \"k8s-aws-v1.trunc");
        clock.advance(Duration.ofSeconds(10));

        String fresh = token("--cache");

        assertThat(Files.readString(file)).contains(fresh);
        clock.advance(Duration.ofSeconds(10));
        assertThat(token("--cache")).isEqualTo(fresh);
    }

    @Test
    void aTokenDatedInTheFutureIsNotReused() throws Exception {
        clock.advance(Duration.ofHours(1));
        String future = token("--cache");
        clock.advance(Duration.ofHours(-1));

        assertThat(token("--cache")).isNotEqualTo(future);
    }

    @Test
    void settingsThatChangeTheTokenHaveTheirOwnEntries() throws Exception {
        String prod = token("--cache");
        clock.advance(Duration.ofSeconds(5));

        assertThat(token("--cache", "--region", "eu-west-1")).isNotEqualTo(prod);
        assertThat(kubectl().env("AWS_PROFILE", "other").run("token", "-i", "prod", "--cache").out())
                .doesNotContain(prod);
        assertThat(token("--cache")).isEqualTo(prod);
        try (var files = Files.list(tokens())) {
            assertThat(files.count()).isEqualTo(3);
        }
    }

    @Test
    void anUnwritableCacheWarnsAndStillPrintsTheToken() throws Exception {
        Files.writeString(home.resolve("eksauth"), "a file where the directory should be");

        Shell.Result r = kubectl().run("token", "-i", "prod", "--cache");

        assertThat(r.code()).isZero();
        assertThat(Fixtures.token(r.out())).startsWith("k8s-aws-v1.");
        assertThat(r.err()).startsWith("eksauth token: warning: cannot cache the token").doesNotContain("k8s-aws-v1.");
    }

    @Test
    void keysAreStableHashesOfTheSettings() {
        assertThat(TokenCache.key(List.of("a", "b"))).isEqualTo(TokenCache.key(List.of("a", "b")))
                .isNotEqualTo(TokenCache.key(List.of("ab", ""))).hasSize(40);
    }
}
