package dev.eksauth.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.eksauth.core.CallerIdentity;
import dev.eksauth.testkit.MutableClock;

class FileAwsAuthMapperTest {
    @TempDir
    Path dir;

    Path write(String fixture, Instant modified) throws Exception {
        return writeText(Fixtures.awsAuth(fixture), modified);
    }

    Path writeText(String text, Instant modified) throws Exception {
        Path file = dir.resolve("aws-auth.yaml");
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    static final CallerIdentity ADMIN = Fixtures.assumedRole("111122223333", "Admin", "alice");

    final MutableClock clock = MutableClock.at(T0);

    FileAwsAuthMapper.Builder everyLookup(Path file) {
        return FileAwsAuthMapper.builder().file(file).checkInterval(Duration.ZERO).clock(clock);
    }

    static String roleMapping(String role) {
        return "apiVersion: v1\nkind: ConfigMap\ndata:\n  mapRoles: |\n    - rolearn: arn:aws:iam::111122223333:role/"
                + role + "\n      username: " + role + "\n";
    }

    @Nested
    class Reloading {
        @Test
        void reloadsWhenTheFileChanges() throws Exception {
            FileAwsAuthMapper mapper = everyLookup(write("documented.yaml", T0)).build();
            assertThat(mapper.map(ADMIN)).isPresent();

            write("crazy-case.yaml", Instant.parse("2026-11-23T10:05:00Z"));

            assertThat(mapper.map(ADMIN)).isEmpty();
            assertThat(mapper.map(Fixtures.assumedRole("111122223333", "Crazy", "s"))).isPresent();
        }

        @Test
        void aSameSizeEditThatKeepsTheModificationTimeIsNoticed() throws Exception {
            Path file = writeText(roleMapping("Admin"), T0);
            FileAwsAuthMapper mapper = everyLookup(file).build();
            assertThat(mapper.map(ADMIN)).isPresent();

            writeText(roleMapping("Admix"), T0);

            assertThat(Files.size(file)).isEqualTo(roleMapping("Admin").length());
            assertThat(mapper.map(ADMIN)).as("as after cp -p or rsync -t").isEmpty();
            assertThat(mapper.map(Fixtures.assumedRole("111122223333", "Admix", "alice"))).isPresent();
        }

        @Test
        void anUnchangedFileIsNotParsedAgain() throws Exception {
            FileAwsAuthMapper mapper = everyLookup(write("documented.yaml", T0)).build();
            AwsAuth first = mapper.current();

            write("documented.yaml", Instant.parse("2026-11-23T10:05:00Z"));
            mapper.reloadIfChanged();

            assertThat(mapper.current()).isSameAs(first);
        }

        @Test
        void checksNoMoreOftenThanTheInterval() throws Exception {
            Path file = write("documented.yaml", T0);
            FileAwsAuthMapper mapper = FileAwsAuthMapper.builder().file(file).checkInterval(Duration.ofHours(1))
                    .clock(Clock.fixed(T0, ZoneOffset.UTC)).build();
            write("crazy-case.yaml", Instant.parse("2026-11-23T10:05:00Z"));

            assertThat(mapper.map(ADMIN)).isPresent();
        }
    }

    @Nested
    class ABadFile {
        @Test
        void keepsTheLastGoodMappingAndSaysWhy() throws Exception {
            FileAwsAuthMapper mapper = everyLookup(write("documented.yaml", T0)).build();
            writeText("data: [unclosed\n", Instant.parse("2026-11-23T10:05:00Z"));

            assertThat(mapper.map(ADMIN)).isPresent();
            assertThat(mapper.lastError()).hasValueSatisfying(why -> assertThat(why).contains("not valid YAML"));
            assertThat(mapper.isReady()).isTrue();

            write("documented.yaml", Instant.parse("2026-11-23T10:10:00Z"));
            mapper.reloadIfChanged();
            assertThat(mapper.lastError()).isEmpty();
        }

        @Test
        void keepsItNoLongerThanTheMaximumStaleness() throws Exception {
            Path file = write("documented.yaml", T0);
            FileAwsAuthMapper mapper = everyLookup(file).maxStaleness(Duration.ofMinutes(10)).build();
            writeText("data: [unclosed\n", T0);
            mapper.reloadIfChanged();

            clock.advance(Duration.ofMinutes(10).minusSeconds(1));
            assertThat(mapper.map(ADMIN)).isPresent();

            clock.advance(Duration.ofSeconds(1));
            assertThat(mapper.map(ADMIN)).as("stale: denied").isEmpty();
            assertThat(mapper.isReady()).isFalse();
            assertThat(mapper.current().config().roles()).isEmpty();

            write("documented.yaml", T0);
            assertThat(mapper.map(ADMIN)).isPresent();
            assertThat(mapper.isReady()).isTrue();
        }

        @Test
        void deniesAtOnceWithZeroStaleness() throws Exception {
            FileAwsAuthMapper mapper = everyLookup(write("documented.yaml", T0)).maxStaleness(Duration.ZERO).build();
            writeText("data: [unclosed\n", T0);

            assertThat(mapper.map(ADMIN)).isEmpty();
            assertThat(mapper.isReady()).isFalse();
        }
    }

    @Nested
    class ADeletedFile {
        @Test
        void deniesEveryoneAtTheNextLookup() throws Exception {
            Path file = write("documented.yaml", T0);
            FileAwsAuthMapper mapper = everyLookup(file).build();
            Files.delete(file);

            assertThat(mapper.map(ADMIN)).isEmpty();
            assertThat(mapper.lastError()).hasValueSatisfying(why -> assertThat(why).contains("does not exist"));
            assertThat(mapper.isReady()).isFalse();
            assertThat(mapper.current().config().roles()).isEmpty();

            write("documented.yaml", T0);
            assertThat(mapper.map(ADMIN)).as("back with the file").isPresent();
        }

        @Test
        void keepsTheLastGoodMappingOnlyWhenAskedAndOnlyUntilTheMaximumStaleness() throws Exception {
            Path file = write("documented.yaml", T0);
            FileAwsAuthMapper mapper = everyLookup(file).keepLastGoodWhenDeleted(true).maxStaleness(Duration.ofMinutes(5))
                    .build();
            Files.delete(file);

            assertThat(mapper.map(ADMIN)).isPresent();
            assertThat(mapper.isReady()).isTrue();

            clock.advance(Duration.ofMinutes(5));
            assertThat(mapper.map(ADMIN)).isEmpty();
            assertThat(mapper.isReady()).isFalse();
        }

        @Test
        void staysDeniedWhenTheFileComesBackBad() throws Exception {
            Path file = write("documented.yaml", T0);
            FileAwsAuthMapper mapper = everyLookup(file).build();
            Files.delete(file);
            mapper.reloadIfChanged();

            writeText("data: [unclosed\n", T0);
            clock.advance(Duration.ofMinutes(1));

            assertThat(mapper.map(ADMIN)).as("a deletion forgets the last good mapping").isEmpty();
            assertThat(mapper.lastError()).hasValueSatisfying(why -> assertThat(why).contains("not valid YAML"));
        }
    }

    @Test
    void entryProblemsAreReportedAndGoodEntriesApply() throws Exception {
        FileAwsAuthMapper mapper = FileAwsAuthMapper.create(write("mixed.yaml", Instant.parse("2026-11-23T10:00:00Z")));

        assertThat(mapper.problems()).hasSize(6);
        assertThat(mapper.map(Fixtures.assumedRole("111122223333", "PathRole", "s"))).isPresent();
    }

    @Nested
    class TheFirstLoad {
        @Test
        void aFileThatCannotBeReadIsAnUnavailableSource() {
            assertThatThrownBy(() -> FileAwsAuthMapper.create(dir.resolve("nope.yaml")))
                    .isInstanceOf(MappingUnavailableException.class).hasMessageContaining("nope.yaml");
        }

        @Test
        void contentThatIsNotAwsAuthIsAFormatError() throws Exception {
            Path file = writeText("data: [unclosed\n", Instant.parse("2026-11-23T10:00:00Z"));

            assertThatThrownBy(() -> FileAwsAuthMapper.create(file)).isInstanceOf(AwsAuthFormatException.class)
                    .hasMessageContaining("aws-auth.yaml").hasMessageContaining("not valid YAML");
        }
    }

    @Test
    void theBuilderChecksItsSettings() {
        assertThatThrownBy(() -> FileAwsAuthMapper.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("file");
        assertThatThrownBy(() -> FileAwsAuthMapper.builder().checkInterval(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("checkInterval");
        assertThatThrownBy(() -> FileAwsAuthMapper.builder().checkInterval(Duration.ofDays(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("checkInterval");
        assertThatThrownBy(() -> FileAwsAuthMapper.builder().maxStaleness(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxStaleness");
    }

    @Nested
    class Metrics {
        @Test
        void theGaugesFollowTheFile() throws Exception {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            FileAwsAuthMapper mapper = everyLookup(write("documented.yaml", T0)).maxStaleness(Duration.ZERO).build();
            FileAwsAuthMapperMetrics.of(mapper).bindTo(registry);

            assertThat(registry.get("eksauth.aws.auth.ready").gauge().value()).isEqualTo(1);
            assertThat(registry.get("eksauth.aws.auth.load.error").gauge().value()).isZero();
            assertThat(registry.get("eksauth.aws.auth.problems").gauge().value()).isEqualTo(mapper.problems().size());

            writeText("data: [unclosed\n", T0);
            mapper.reloadIfChanged();

            assertThat(registry.get("eksauth.aws.auth.ready").gauge().value()).isZero();
            assertThat(registry.get("eksauth.aws.auth.load.error").gauge().value()).isEqualTo(1);
        }
    }
}
