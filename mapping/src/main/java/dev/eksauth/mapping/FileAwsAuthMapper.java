package dev.eksauth.mapping;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.eksauth.core.CallerIdentity;
import dev.eksauth.core.SettingChecks;

/**
 * An aws-auth mapper backed by a ConfigMap manifest file, reloaded when the file changes.
 *
 * <p>The file's modification time and size are checked on a lookup at most once per check interval;
 * when they changed, the file is read and the new mapping swapped in atomically. When the new file
 * cannot be read at all, the last good mapping stays in force and {@link #lastError()} says why.
 * Entries with problems are dropped and reported by {@link #problems()}; the good ones apply.
 * Thread-safe.
 *
 * <p>The first load happens when the mapper is built, and fails it: with
 * {@link MappingUnavailableException} when the file cannot be read, with
 * {@link AwsAuthFormatException} when its content cannot be read as aws-auth.
 */
public final class FileAwsAuthMapper implements IdentityMapper {
    private final Path file;
    private final Duration checkInterval;
    private final Clock clock;
    private final Object reloading = new Object();
    private volatile State state;
    private volatile Instant nextCheck;

    private record State(AwsAuthMapper mapper, AwsAuth awsAuth, Object fileKey, Optional<String> lastError) {
    }

    private FileAwsAuthMapper(Builder b) {
        this.file = b.file;
        this.checkInterval = b.checkInterval;
        this.clock = b.clock;
        this.nextCheck = clock.instant().plus(checkInterval);
        try {
            this.state = load();
        } catch (IOException e) {
            throw new MappingUnavailableException("cannot read the aws-auth file " + file + " ("
                    + e.getClass().getSimpleName() + ")", e);
        } catch (AwsAuthFormatException e) {
            throw new AwsAuthFormatException("the aws-auth file " + file + " cannot be loaded: " + e.getMessage(), e);
        }
    }

    /**
     * Loads a file and watches it, checking at most once a second.
     *
     * @throws MappingUnavailableException when the file cannot be read
     * @throws AwsAuthFormatException when its content cannot be read as aws-auth
     */
    public static FileAwsAuthMapper create(Path file) {
        return builder().file(file).build();
    }

    /** A builder; {@link Builder#file(Path)} is required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Optional<Mapping> map(CallerIdentity identity) {
        if (!clock.instant().isBefore(nextCheck)) {
            reloadIfChanged();
        }
        return state.mapper.map(identity);
    }

    /** Reads the file now if it changed since it was last read; keeps the last good mapping if it cannot. */
    public void reloadIfChanged() {
        synchronized (reloading) {
            nextCheck = clock.instant().plus(checkInterval);
            State current = state;
            try {
                if (!fileKey().equals(current.fileKey)) {
                    state = load();
                }
            } catch (IOException e) {
                state = failed(current, "cannot read the file (" + e.getClass().getSimpleName() + ")");
            } catch (AwsAuthFormatException e) {
                state = failed(current, e.getMessage());
            }
        }
    }

    private Object fileKey() throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return List.of(attributes.lastModifiedTime(), attributes.size());
    }

    private State load() throws IOException {
        Object key = fileKey();
        AwsAuth awsAuth = AwsAuth.parseConfigMap(Files.readString(file, StandardCharsets.UTF_8));
        return new State(AwsAuthMapper.of(awsAuth.config()), awsAuth, key, Optional.empty());
    }

    private static State failed(State current, String why) {
        return new State(current.mapper, current.awsAuth, current.fileKey, Optional.of(why));
    }

    /** Why the latest version of the file was not loaded, if it was not. */
    public Optional<String> lastError() {
        return state.lastError;
    }

    /** The problems of the loaded aws-auth. */
    public List<AwsAuthProblem> problems() {
        return state.awsAuth.problems();
    }

    /** The aws-auth in force. */
    public AwsAuth current() {
        return state.awsAuth;
    }

    @Override
    public String toString() {
        return "FileAwsAuthMapper[file=" + file + ", " + state.mapper + "]";
    }

    /** Configures a {@link FileAwsAuthMapper}. Each setter checks its argument. Not thread-safe. */
    public static final class Builder {
        private static final Duration MAX_CHECK_INTERVAL = Duration.ofDays(1);

        private Path file;
        private Duration checkInterval = Duration.ofSeconds(1);
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The ConfigMap manifest, YAML or JSON; required. */
        public Builder file(Path file) {
            this.file = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * How often at most the file is checked for changes, from zero (on every lookup) to a day;
         * default one second.
         */
        public Builder checkInterval(Duration interval) {
            this.checkInterval = SettingChecks.within(interval, Duration.ZERO, MAX_CHECK_INTERVAL, "checkInterval");
            return this;
        }

        /** The clock that paces the checks; default the system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Loads the file and builds the mapper.
         *
         * @throws IllegalStateException when no file was given
         * @throws MappingUnavailableException when the file cannot be read
         * @throws AwsAuthFormatException when its content cannot be read as aws-auth
         */
        public FileAwsAuthMapper build() {
            if (file == null) {
                throw new IllegalStateException("file is required");
            }
            return new FileAwsAuthMapper(this);
        }
    }
}
