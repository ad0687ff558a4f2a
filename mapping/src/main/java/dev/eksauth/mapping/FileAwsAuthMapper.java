package dev.eksauth.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.eksauth.core.CallerIdentity;
import dev.eksauth.core.SettingChecks;
import dev.eksauth.mapping.internal.Yamls;

/**
 * An aws-auth mapper backed by a ConfigMap manifest file, reloaded when the file changes.
 *
 * <p>On a lookup, at most once per check interval, the file is read and its content compared with
 * the content in force (not its modification time or size, which {@code cp -p} and {@code rsync -t}
 * keep); changed content is parsed and swapped in atomically. Entries with problems are dropped and
 * reported by {@link #problems()}; the good ones apply.
 *
 * <p>Revocation revokes. When the file is deleted, the mapping is empty and everyone is denied (the
 * last good mapping is forgotten, so a file that comes back bad does not bring it back), unless
 * {@link Builder#keepLastGoodWhenDeleted(boolean)} asks to treat a deletion like any other failure. When the file cannot be read or parsed, the last good mapping stays in force for at most
 * {@link Builder#maxStaleness(Duration)} after the first failed check; then everyone is denied until
 * the file loads again. {@link #lastError()} says why the file was not loaded, and
 * {@link #isReady()} is false while the mapper denies everyone for want of a loadable file.
 * Thread-safe.
 *
 * <p>The first load happens when the mapper is built, and fails it: with
 * {@link MappingUnavailableException} when the file cannot be read, with
 * {@link AwsAuthFormatException} when its content cannot be read as aws-auth.
 */
public final class FileAwsAuthMapper implements IdentityMapper {
    private static final long MAX_BYTES = 4L * Yamls.MAX_DOCUMENT;
    private static final Loaded NOTHING = new Loaded(AwsAuthMapper.of(AwsAuthConfig.EMPTY),
            AwsAuth.of(AwsAuthConfig.EMPTY), new byte[0]);

    private final Path file;
    private final Duration checkInterval;
    private final Duration maxStaleness;
    private final boolean keepLastGoodWhenDeleted;
    private final Clock clock;
    private final Object reloading = new Object();
    private volatile State state;
    private volatile Instant nextCheck;

    /** A version of the file that parsed, and the SHA-256 of its bytes. */
    private record Loaded(AwsAuthMapper mapper, AwsAuth awsAuth, byte[] digest) {
    }

    /**
     * The last good version (nothing after a deletion that keeps none), and why and since when the
     * file has not loaded (both null while it loads).
     */
    private record State(Loaded lastGood, String error, Instant failingSince) {
    }

    private FileAwsAuthMapper(Builder b) {
        this.file = b.file;
        this.checkInterval = b.checkInterval;
        this.maxStaleness = b.maxStaleness;
        this.keepLastGoodWhenDeleted = b.keepLastGoodWhenDeleted;
        this.clock = b.clock;
        this.nextCheck = clock.instant().plus(checkInterval);
        try {
            byte[] content = read();
            this.state = new State(parse(content, digest(content)), null, null);
        } catch (IOException e) {
            throw new MappingUnavailableException("cannot read the aws-auth file " + file + " ("
                    + e.getClass().getSimpleName() + ")", e);
        } catch (AwsAuthFormatException e) {
            throw new AwsAuthFormatException("the aws-auth file " + file + " cannot be loaded: " + e.getMessage(), e);
        }
    }

    /**
     * Loads a file and watches it, checking at most once a second, with the default staleness.
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
        return inForce().mapper.map(identity);
    }

    /**
     * Reads the file now and loads it if its content changed; on failure keeps the last good mapping
     * or denies everyone, as the class describes.
     */
    public void reloadIfChanged() {
        synchronized (reloading) {
            Instant now = clock.instant();
            nextCheck = now.plus(checkInterval);
            State current = state;
            try {
                byte[] content = read();
                byte[] digest = digest(content);
                Loaded loaded = Arrays.equals(digest, current.lastGood.digest) ? current.lastGood : parse(content, digest);
                state = new State(loaded, null, null);
            } catch (NoSuchFileException e) {
                state = failed(keepLastGoodWhenDeleted ? current.lastGood : NOTHING, current, "the file does not exist", now);
            } catch (IOException e) {
                state = failed(current.lastGood, current, "cannot read the file (" + e.getClass().getSimpleName() + ")", now);
            } catch (AwsAuthFormatException e) {
                state = failed(current.lastGood, current, e.getMessage(), now);
            }
        }
    }

    private static State failed(Loaded keep, State current, String why, Instant now) {
        return new State(keep, why, current.failingSince == null ? now : current.failingSince);
    }

    private Loaded inForce() {
        State s = state;
        if (s.error == null) {
            return s.lastGood;
        }
        return clock.instant().isBefore(s.failingSince.plus(maxStaleness)) ? s.lastGood : NOTHING;
    }

    private byte[] read() throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] content = in.readNBytes((int) MAX_BYTES + 1);
            if (content.length > MAX_BYTES) {
                throw new AwsAuthFormatException("the file is larger than " + MAX_BYTES + " bytes", null);
            }
            return content;
        }
    }

    private static Loaded parse(byte[] content, byte[] digest) throws IOException {
        String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        AwsAuth awsAuth = AwsAuth.parseConfigMap(text);
        return new Loaded(AwsAuthMapper.of(awsAuth.config()), awsAuth, digest);
    }

    private static byte[] digest(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /** Why the file's latest version is not in force, if it is not. */
    public Optional<String> lastError() {
        return Optional.ofNullable(state.error);
    }

    /**
     * Whether the mapper maps from the file: false while the file cannot be loaded and no last-good
     * mapping may stand in for it (it was deleted, or the failure is older than the maximum
     * staleness), so that everyone is denied. A readiness probe reports this.
     */
    public boolean isReady() {
        return inForce() != NOTHING;
    }

    /** The problems of the aws-auth in force. */
    public List<AwsAuthProblem> problems() {
        return inForce().awsAuth.problems();
    }

    /** The aws-auth in force: empty while everyone is denied. */
    public AwsAuth current() {
        return inForce().awsAuth;
    }

    @Override
    public String toString() {
        return "FileAwsAuthMapper[file=" + file + ", " + inForce().mapper + "]";
    }

    /** Configures a {@link FileAwsAuthMapper}. Each setter checks its argument. Not thread-safe. */
    public static final class Builder {
        private static final Duration MAX_CHECK_INTERVAL = Duration.ofDays(1);
        private static final Duration MAX_STALENESS = Duration.ofDays(7);

        private Path file;
        private Duration checkInterval = Duration.ofSeconds(1);
        private Duration maxStaleness = Duration.ofHours(1);
        private boolean keepLastGoodWhenDeleted;
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

        /**
         * How long at most the last good mapping stays in force once the file cannot be loaded,
         * counted from the first failed check, from zero (deny at once) to seven days; default one
         * hour. After it, everyone is denied until the file loads again.
         */
        public Builder maxStaleness(Duration staleness) {
            this.maxStaleness = SettingChecks.within(staleness, Duration.ZERO, MAX_STALENESS, "maxStaleness");
            return this;
        }

        /**
         * Whether a deleted file keeps the last good mapping (for at most the maximum staleness)
         * instead of denying everyone at once; default false, so that deleting the file revokes
         * every mapping.
         */
        public Builder keepLastGoodWhenDeleted(boolean keep) {
            this.keepLastGoodWhenDeleted = keep;
            return this;
        }

        /** The clock that paces the checks and measures staleness; default the system clock. */
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
