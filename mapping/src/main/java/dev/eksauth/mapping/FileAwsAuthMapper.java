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

/**
 * An aws-auth mapper backed by a ConfigMap manifest file, reloaded when the file changes.
 *
 * <p>The file's modification time and size are checked on a lookup at most once per check interval;
 * when they changed, the file is read and the new mapping swapped in atomically. When the new file
 * cannot be read at all, the last good mapping stays in force and {@link #lastError()} says why.
 * Entries with problems are dropped and reported by {@link #problems()}; the good ones apply.
 * Thread-safe.
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

    private FileAwsAuthMapper(Path file, Duration checkInterval, Clock clock) {
        this.file = file;
        this.checkInterval = checkInterval;
        this.clock = clock;
        this.state = new State(AwsAuthMapper.of(AwsAuthConfig.EMPTY), null, null, Optional.empty());
        this.nextCheck = Instant.MIN;
        reloadIfChanged();
        if (state.awsAuth == null) {
            throw new IllegalArgumentException("cannot load aws-auth from " + file + ": " + state.lastError.orElse(""));
        }
    }

    /**
     * Loads a file and watches it, checking at most once a second.
     *
     * @throws IllegalArgumentException when the file cannot be loaded the first time
     */
    public static FileAwsAuthMapper create(Path file) {
        return create(file, Duration.ofSeconds(1), Clock.systemUTC());
    }

    /**
     * Loads a file and watches it.
     *
     * @param file a ConfigMap manifest in YAML or JSON
     * @param checkInterval how often at most the file is checked for changes; zero checks on every lookup
     * @param clock the clock that paces the checks
     * @throws IllegalArgumentException when the file cannot be loaded the first time
     */
    public static FileAwsAuthMapper create(Path file, Duration checkInterval, Clock clock) {
        Objects.requireNonNull(file, "file");
        if (checkInterval.isNegative()) {
            throw new IllegalArgumentException("checkInterval must not be negative");
        }
        return new FileAwsAuthMapper(file, checkInterval, Objects.requireNonNull(clock, "clock"));
    }

    @Override
    public Optional<Mapping> map(CallerIdentity identity) {
        if (!clock.instant().isBefore(nextCheck)) {
            reloadIfChanged();
        }
        return state.mapper.map(identity);
    }

    /** Reads the file now if it changed since it was last read. */
    public void reloadIfChanged() {
        synchronized (reloading) {
            nextCheck = clock.instant().plus(checkInterval);
            State current = state;
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                Object key = List.of(attributes.lastModifiedTime(), attributes.size());
                if (key.equals(current.fileKey)) {
                    return;
                }
                AwsAuth awsAuth = AwsAuth.parseConfigMap(Files.readString(file, StandardCharsets.UTF_8));
                state = new State(AwsAuthMapper.of(awsAuth.config()), awsAuth, key, Optional.empty());
            } catch (IOException | RuntimeException e) {
                String why = e instanceof IOException ? "cannot read the file (" + e.getClass().getSimpleName() + ")"
                        : e.getMessage();
                state = new State(current.mapper, current.awsAuth, current.fileKey, Optional.of(why));
            }
        }
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
}
