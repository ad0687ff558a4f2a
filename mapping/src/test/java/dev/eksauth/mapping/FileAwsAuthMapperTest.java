package dev.eksauth.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileAwsAuthMapperTest {
    @TempDir
    Path dir;

    Path write(String fixture, Instant modified) throws Exception {
        Path file = dir.resolve("aws-auth.yaml");
        Files.writeString(file, Fixtures.awsAuth(fixture));
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    @Test
    void reloadsWhenTheFileChanges() throws Exception {
        Path file = write("documented.yaml", Instant.parse("2026-11-23T10:00:00Z"));
        FileAwsAuthMapper mapper = FileAwsAuthMapper.create(file, Duration.ZERO, Clock.systemUTC());
        var admin = Fixtures.assumedRole("111122223333", "Admin", "alice");
        assertThat(mapper.map(admin)).isPresent();

        write("crazy-case.yaml", Instant.parse("2026-11-23T10:05:00Z"));

        assertThat(mapper.map(admin)).isEmpty();
        assertThat(mapper.map(Fixtures.assumedRole("111122223333", "Crazy", "s"))).isPresent();
    }

    @Test
    void aBadNewFileKeepsTheLastGoodMappingAndSaysWhy() throws Exception {
        Path file = write("documented.yaml", Instant.parse("2026-11-23T10:00:00Z"));
        FileAwsAuthMapper mapper = FileAwsAuthMapper.create(file, Duration.ZERO, Clock.systemUTC());
        Files.writeString(file, "data: [unclosed\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-11-23T10:05:00Z")));

        assertThat(mapper.map(Fixtures.assumedRole("111122223333", "Admin", "alice"))).isPresent();
        assertThat(mapper.lastError()).hasValueSatisfying(why -> assertThat(why).contains("not valid YAML"));

        write("documented.yaml", Instant.parse("2026-11-23T10:10:00Z"));
        mapper.reloadIfChanged();
        assertThat(mapper.lastError()).isEmpty();
    }

    @Test
    void entryProblemsAreReportedAndGoodEntriesApply() throws Exception {
        FileAwsAuthMapper mapper = FileAwsAuthMapper.create(write("mixed.yaml", Instant.parse("2026-11-23T10:00:00Z")));

        assertThat(mapper.problems()).hasSize(5);
        assertThat(mapper.map(Fixtures.assumedRole("111122223333", "PathRole", "s"))).isPresent();
    }

    @Test
    void checksNoMoreOftenThanTheInterval() throws Exception {
        Path file = write("documented.yaml", Instant.parse("2026-11-23T10:00:00Z"));
        FileAwsAuthMapper mapper = FileAwsAuthMapper.create(file, Duration.ofHours(1),
                Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), java.time.ZoneOffset.UTC));
        write("crazy-case.yaml", Instant.parse("2026-11-23T10:05:00Z"));

        assertThat(mapper.map(Fixtures.assumedRole("111122223333", "Admin", "alice"))).isPresent();
    }

    @Test
    void aMissingFileFailsAtCreation() {
        assertThatThrownBy(() -> FileAwsAuthMapper.create(dir.resolve("nope.yaml")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope.yaml");
    }
}
