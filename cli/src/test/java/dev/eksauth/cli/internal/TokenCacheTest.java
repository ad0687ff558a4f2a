package dev.eksauth.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.eksauth.testkit.FakeStsExtension;
import dev.eksauth.testkit.MutableClock;
import dev.eksauth.testkit.StsIdentity;
import dev.eksauth.token.EksTokenVerifier;

/**
 * {@code eksauth token --cache}: reuse, expiry, file modes, corrupt files, keys, and what another
 * user or another identity could have left in the cache.
 */
class TokenCacheTest {
    final MutableClock clock = Fixtures.clockAtNow();
    final StsIdentity alice = StsIdentity.user("111122223333", "alice");

    @RegisterExtension
    final FakeStsExtension sts = FakeStsExtension.create(fake -> fake.clock(clock).identity(alice));

    @TempDir
    Path home;

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
        assertThat(EksTokenVerifier.builder().clusterId("prod").clock(clock).stsEndpointOverride(sts.get().endpoint()).build()
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

    Path onlyFile() throws Exception {
        try (var files = Files.list(tokens())) {
            return files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
        }
    }

    static void giveToAnotherUser(Path path) throws Exception {
        UserPrincipal nobody;
        try {
            nobody = path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        } catch (UserPrincipalNotFoundException e) {
            nobody = path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("65534");
        }
        try {
            Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setOwner(nobody);
        } catch (FileSystemException e) {
            Assumptions.abort("only root can give a file to another user: " + e.getMessage());
        }
        assertThat(Files.getOwner(path, LinkOption.NOFOLLOW_LINKS)).isEqualTo(nobody);
    }

    @Nested
    class WhatAnotherUserCouldHaveWritten {
        @Test
        void aCacheFileOwnedByAnotherUserIsIgnoredAndReplaced() throws Exception {
            String planted = token("--cache");
            Path file = onlyFile();
            giveToAnotherUser(file);
            clock.advance(Duration.ofSeconds(10));

            Shell.Result r = kubectl().run("token", "-i", "prod", "--cache");

            assertThat(Fixtures.token(r.out())).isNotEqualTo(planted);
            assertThat(r.err()).startsWith("eksauth token: warning: ignoring the cached token: " + file + " belongs to")
                    .hasLineCount(1).doesNotContain("k8s-aws-v1.");
            assertThat(Files.getOwner(file, LinkOption.NOFOLLOW_LINKS)).as("replaced by our own")
                    .isEqualTo(Files.getOwner(tokens()));
            assertThat(Files.readString(file)).contains(Fixtures.token(r.out()));
        }

        @Test
        void aGroupWritableCacheDirectoryIsIgnoredAndTightened() throws Exception {
            String first = token("--cache");
            Files.setPosixFilePermissions(tokens(), PosixFilePermissions.fromString("rwxrwx---"));
            clock.advance(Duration.ofSeconds(10));

            Shell.Result r = kubectl().run("token", "-i", "prod", "--cache");

            assertThat(Fixtures.token(r.out())).isNotEqualTo(first);
            assertThat(r.err()).contains(tokens() + " is writable by group or others").hasLineCount(1);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokens()))).isEqualTo("rwx------");
            clock.advance(Duration.ofSeconds(10));
            assertThat(token("--cache")).as("trusted again").isEqualTo(Fixtures.token(r.out()));
        }

        @Test
        void anOthersWritableCacheRootIsIgnored() throws Exception {
            String first = token("--cache");
            Files.setPosixFilePermissions(home.resolve("eksauth"), PosixFilePermissions.fromString("rwx---rwx"));
            clock.advance(Duration.ofSeconds(10));

            Shell.Result r = kubectl().run("token", "-i", "prod", "--cache");

            assertThat(Fixtures.token(r.out())).isNotEqualTo(first);
            assertThat(r.err()).contains("writable by group or others");
        }

        @Test
        void aSymlinkedCacheFileIsIgnoredAndReplacedWithoutTouchingItsTarget() throws Exception {
            String first = token("--cache");
            Path file = onlyFile();
            Path elsewhere = home.resolve("planted.json");
            Files.move(file, elsewhere);
            Files.createSymbolicLink(file, elsewhere);
            String plantedContent = Files.readString(elsewhere);
            clock.advance(Duration.ofSeconds(10));

            Shell.Result r = kubectl().run("token", "-i", "prod", "--cache");

            assertThat(Fixtures.token(r.out())).isNotEqualTo(first);
            assertThat(r.err()).contains(file + " is a symbolic link").hasLineCount(1);
            assertThat(Files.isSymbolicLink(file)).isFalse();
            assertThat(Files.readString(elsewhere)).isEqualTo(plantedContent);
        }

        @Test
        void aCacheRootOwnedByAnotherUserIsNeitherReadNorWritten() throws Exception {
            String first = token("--cache");
            Path file = onlyFile();
            String before = Files.readString(file);
            giveToAnotherUser(home.resolve("eksauth"));
            clock.advance(Duration.ofSeconds(10));

            Shell.Result r = kubectl().run("token", "-i", "prod", "--cache");

            assertThat(r.code()).isZero();
            assertThat(Fixtures.token(r.out())).isNotEqualTo(first);
            assertThat(r.err()).contains("ignoring the cached token").contains("cannot cache the token");
            assertThat(Files.readString(file)).isEqualTo(before);
        }
    }

    @Nested
    class TokensOfOtherIdentities {
        final StsIdentity bob = StsIdentity.user("111122223333", "bob");

        @BeforeEach
        void registerBob() {
            sts.get().register(bob);
        }

        String arnOf(String token) {
            return EksTokenVerifier.builder().clusterId("prod").clock(clock).stsEndpointOverride(sts.get().endpoint()).build()
                    .verify(token).arn().toString();
        }

        @Test
        void aCachedTokenForAnotherAccessKeyIsIgnoredAndReplaced() throws Exception {
            token("--cache");
            Path alices = onlyFile();
            Shell.Result asBob = new Shell().clock(clock).env(Fixtures.credentials(bob, "us-west-2"))
                    .env("XDG_CACHE_HOME", home.toString()).run("token", "-i", "prod", "--cache");
            Path bobs;
            try (var files = Files.list(tokens())) {
                bobs = files.filter(f -> !f.equals(alices)).findFirst().orElseThrow();
            }
            Files.copy(bobs, alices, StandardCopyOption.REPLACE_EXISTING);
            clock.advance(Duration.ofSeconds(10));

            Shell.Result r = kubectl().run("token", "-i", "prod", "--cache");

            assertThat(Fixtures.token(r.out())).isNotEqualTo(Fixtures.token(asBob.out()));
            assertThat(arnOf(Fixtures.token(r.out()))).isEqualTo(alice.arn().toString());
            assertThat(r.err()).as("our own file: nothing to warn about").isEmpty();
        }

        @Test
        void twoCredentialFilesWithTheSameProfileNameGiveTwoIdentities() throws Exception {
            Path alicesFile = home.resolve("alice-credentials");
            Path bobsFile = home.resolve("bob-credentials");
            Files.writeString(alicesFile, profile(alice));
            Files.writeString(bobsFile, profile(bob));

            String first = Fixtures.token(ci(alicesFile).run("token", "-i", "prod", "--cache").out());
            clock.advance(Duration.ofSeconds(10));
            Shell.Result second = ci(bobsFile).run("token", "-i", "prod", "--cache");

            assertThat(arnOf(first)).isEqualTo(alice.arn().toString());
            assertThat(arnOf(Fixtures.token(second.out()))).as(second.err()).isEqualTo(bob.arn().toString());

            Files.writeString(alicesFile, profile(bob));
            clock.advance(Duration.ofSeconds(10));
            String edited = Fixtures.token(ci(alicesFile).run("token", "-i", "prod", "--cache").out());
            assertThat(arnOf(edited)).as("same file, new content").isEqualTo(bob.arn().toString());
        }

        static String profile(StsIdentity who) {
            return "[ci]\naws_access_key_id = " + who.accessKeyId() + "\naws_secret_access_key = " + who.secretAccessKey()
                    + "\n";
        }

        Shell ci(Path credentials) {
            return new Shell().clock(clock).env("XDG_CACHE_HOME", home.toString()).env("HOME", home.toString())
                    .env("AWS_SHARED_CREDENTIALS_FILE", credentials.toString()).env("AWS_PROFILE", "ci")
                    .env("AWS_REGION", "us-west-2");
        }
    }

    @Test
    void keysAreStableHashesOfTheSettings() {
        assertThat(TokenCache.key(List.of("a", "b"))).isEqualTo(TokenCache.key(List.of("a", "b")))
                .isNotEqualTo(TokenCache.key(List.of("ab", ""))).hasSize(40);
    }
}
