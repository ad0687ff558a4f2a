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

    FileAwsAuthMapper checkingEveryLookup(Path file) {
        return FileAwsAuthMapper.builder().file(file).checkInterval(Duration.ZERO).build();
    }

    @Nested
    class Reloading {
        @Test
        void reloadsWhenTheFileChanges() throws Exception {
            FileAwsAuthMapper mapper = checkingEveryLookup(write("documented.yaml", Instant.parse("2026-11-23T10:00:00Z")));
            var admin = Fixtures.assumedRole("111122223333", "Admin", "alice");
            assertThat(mapper.map(admin)).isPresent();

            write("crazy-case.yaml", Instant.parse("2026-11-23T10:05:00Z"));

            assertThat(mapper.map(admin)).isEmpty();
            assertThat(mapper.map(Fixtures.assumedRole("111122223333", "Crazy", "s"))).isPresent();
        }

        @Test
        void aBadNewFileKeepsTheLastGoodMappingAndSaysWhy() throws Exception {
            FileAwsAuthMapper mapper = checkingEveryLookup(write("documented.yaml", Instant.parse("2026-11-23T10:00:00Z")));
            writeText("data: [unclosed\n", Instant.parse("2026-11-23T10:05:00Z"));

            assertThat(mapper.map(Fixtures.assumedRole("111122223333", "Admin", "alice"))).isPresent();
            assertThat(mapper.lastError()).hasValueSatisfying(why -> assertThat(why).contains("not valid YAML"));

            write("documented.yaml", Instant.parse("2026-11-23T10:10:00Z"));
            mapper.reloadIfChanged();
            assertThat(mapper.lastError()).isEmpty();
        }

        @Test
        void aVanishedFileKeepsTheLastGoodMappingAndSaysWhy() throws Exception {
            Path file = write("documented.yaml", Instant.parse("2026-11-23T10:00:00Z"));
            FileAwsAuthMapper mapper = checkingEveryLookup(file);
            Files.delete(file);

            assertThat(mapper.map(Fixtures.assumedRole("111122223333", "Admin", "alice"))).isPresent();
            assertThat(mapper.lastError()).hasValueSatisfying(why -> assertThat(why).contains("cannot read"));
        }

        @Test
        void checksNoMoreOftenThanTheInterval() throws Exception {
            Path file = write("documented.yaml", Instant.parse("2026-11-23T10:00:00Z"));
            FileAwsAuthMapper mapper = FileAwsAuthMapper.builder().file(file).checkInterval(Duration.ofHours(1))
                    .clock(Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC)).build();
            write("crazy-case.yaml", Instant.parse("2026-11-23T10:05:00Z"));

            assertThat(mapper.map(Fixtures.assumedRole("111122223333", "Admin", "alice"))).isPresent();
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
    }
}
