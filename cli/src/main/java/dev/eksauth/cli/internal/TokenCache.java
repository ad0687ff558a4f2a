package dev.eksauth.cli.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.eksauth.token.EksToken;
import dev.eksauth.token.EksTokenGenerator;

/**
 * Tokens kept on disk between runs of {@code eksauth token --cache}: one JSON file per key, mode
 * 0600, in a directory of mode 0700. A token is reused only while the clock is before its expiry
 * minus a margin (and not before it was signed); a file that cannot be read as a token is ignored
 * and replaced. Writes go to a temporary file that is then moved into place atomically, so a reader
 * sees the old or the new token, never half of one. Not public API.
 */
final class TokenCache {
    /** Reused tokens keep at least this long before their reported expiry. */
    static final Duration MARGIN = Duration.ofMinutes(1);
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final Path directory;
    private final Clock clock;

    TokenCache(Path directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    /** The cache under a user's cache directory: {@code <cache>/eksauth/tokens}. */
    static TokenCache under(Path cacheHome, Clock clock) {
        return new TokenCache(cacheHome.resolve("eksauth").resolve("tokens"), clock);
    }

    /** The key of the settings that decide which token a run makes: a SHA-256 of them, in hex. */
    static String key(List<String> settings) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String setting : settings) {
                sha.update(String.valueOf(setting).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /** The file of a key. */
    Path file(String key) {
        return directory.resolve(key + ".json");
    }

    /** A cached token that is still good to hand out, if any. Unreadable files count as none. */
    Optional<EksToken> read(String key) {
        Path file = file(key);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            JsonNode root = Json.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
            String value = root.path("token").asText("");
            Instant expiration = Instant.parse(root.path("expiration").asText(""));
            Instant now = clock.instant();
            Instant signed = expiration.minus(EksTokenGenerator.REPORTED_LIFETIME);
            if (value.startsWith(EksToken.PREFIX) && value.length() <= 4096
                    && now.isBefore(expiration.minus(MARGIN)) && !now.isBefore(signed.minus(CLOCK_SKEW))) {
                return Optional.of(new EksToken(value, expiration));
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Stores a token under a key, replacing any earlier one atomically.
     *
     * @throws IOException when the directory or file cannot be written
     */
    void write(String key, EksToken token) throws IOException {
        createPrivateDirectory(directory.getParent());
        createPrivateDirectory(directory);
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("token", token.value());
        root.put("expiration", token.expiration().toString());
        boolean posix = isPosix(directory);
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)}
                : new FileAttribute<?>[0];
        Path temporary = Files.createTempFile(directory, key + ".", ".tmp", attributes);
        try {
            Files.writeString(temporary, root.toString(), StandardCharsets.UTF_8);
            try {
                Files.move(temporary, file(key), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file(key), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        Files.createDirectories(dir.getParent());
        boolean posix = isPosix(dir.getParent());
        try {
            if (posix) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(dir + " exists and is not a directory");
            }
        }
        if (posix && !Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS).equals(OWNER_DIRECTORY)) {
            Files.setPosixFilePermissions(dir, OWNER_DIRECTORY);
        }
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix")
                && Files.getFileAttributeView(path, PosixFileAttributeView.class) != null;
    }

    @Override
    public String toString() {
        return "TokenCache[" + directory + "]";
    }
}
