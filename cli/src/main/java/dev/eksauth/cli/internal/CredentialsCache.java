package dev.eksauth.cli.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.eksauth.token.SessionCredentialsCache;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Role session credentials kept on disk between runs of {@code eksauth token}, so that kubectl's
 * many processes share one AssumeRole call (and one MFA prompt) per session: one JSON file per key
 * in {@code <cache>/eksauth/credentials}, mode 0600 in directories of mode 0700, written and read
 * under an exclusive lock of the key's {@code .lock} file (and of a lock per file inside this JVM),
 * so that concurrent processes wait for the one that calls STS instead of calling it too.
 *
 * <p>Files are trusted by {@link FileTrust}'s rules, as the token cache's are; a file that is not
 * trusted, is corrupt or was stored under another key is ignored and replaced. The key is a SHA-256
 * of the command's identity sources (profile, profile files, access key id; see
 * {@link AwsSettings#identitySources()}) and of the provider's key (role, its settings, the caller's
 * access key id), so different profiles and roles never share a file. When the cache cannot be used
 * (a directory of another user, a read-only file system) credentials are still assumed, with a warning.
 * Thread-safe. Not public API.
 */
final class CredentialsCache implements SessionCredentialsCache {
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();
    private static final int MAX_FILE = 16 * 1024;

    private final Path root;
    private final Path directory;
    private final String namespace;
    private final Consumer<String> warnings;

    CredentialsCache(Path root, String namespace, Consumer<String> warnings) {
        this.root = root;
        this.directory = root.resolve("credentials");
        this.namespace = namespace;
        this.warnings = warnings;
    }

    /** The cache under a user's cache directory: {@code <cache>/eksauth/credentials}. */
    static CredentialsCache under(Path cacheHome, String namespace, Consumer<String> warnings) {
        return new CredentialsCache(cacheHome.resolve("eksauth"), namespace, warnings);
    }

    /** The directory of the files. */
    Path directory() {
        return directory;
    }

    @Override
    public AwsSessionCredentials get(String key, Instant neededUntil, Supplier<AwsSessionCredentials> loader) {
        String name = TokenCache.key(List.of(namespace, key));
        Path file = directory.resolve(name + ".json");
        Optional<String> distrust = distrustDirectories();
        distrust.ifPresent(why -> warnings.accept("ignoring the cached credentials: " + why));
        try {
            FileTrust.createPrivateDirectory(root);
            FileTrust.createPrivateDirectory(directory);
        } catch (IOException e) {
            warnings.accept("cannot keep credentials in " + directory + " (" + e.getMessage() + ")");
            return loader.get();
        }
        ReentrantLock inProcess = IN_PROCESS.computeIfAbsent(file, f -> new ReentrantLock());
        inProcess.lock();
        try (FileChannel lockFile = openLock(directory.resolve(name + ".lock"));
                FileLock lock = lockFile == null ? null : lockFile.lock()) {
            Optional<AwsSessionCredentials> cached = distrust.isPresent() ? Optional.empty() : read(file, name, neededUntil);
            if (cached.isPresent()) {
                return cached.get();
            }
            AwsSessionCredentials fresh = loader.get();
            write(file, name, fresh);
            return fresh;
        } catch (IOException e) {
            warnings.accept("cannot lock " + file + " (" + e.getMessage() + ")");
            return loader.get();
        } finally {
            inProcess.unlock();
        }
    }

    /** Why the directories, as they are before they are tightened, cannot be trusted; empty when they can or do not exist. */
    private Optional<String> distrustDirectories() {
        try {
            for (Path dir : List.of(root, directory)) {
                if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                    Optional<String> why = FileTrust.distrust(dir, true);
                    if (why.isPresent()) {
                        return why;
                    }
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot read the attributes of " + directory + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The lock file, created 0600; null (no lock) when it is not a trustworthy file of the current user. */
    private FileChannel openLock(Path lock) throws IOException {
        boolean posix = FileTrust.isPosix(directory);
        try {
            if (posix) {
                Files.createFile(lock, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(lock);
            }
        } catch (FileAlreadyExistsException e) {
            Optional<String> distrust = FileTrust.distrust(lock, false);
            if (distrust.isPresent()) {
                warnings.accept("not locking the credential cache: " + distrust.get());
                return null;
            }
        }
        return FileChannel.open(lock, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    }

    private Optional<AwsSessionCredentials> read(Path file, String name, Instant neededUntil) {
        try {
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            Optional<String> distrust = FileTrust.distrust(file, false);
            if (distrust.isPresent()) {
                warnings.accept("ignoring the cached credentials: " + distrust.get());
                return Optional.empty();
            }
            Optional<byte[]> content = FileTrust.readTrustedFile(file, MAX_FILE);
            if (content.isEmpty()) {
                warnings.accept("ignoring the cached credentials: " + file + " changed while it was opened");
                return Optional.empty();
            }
            JsonNode json = Json.MAPPER.readTree(new String(content.get(), StandardCharsets.UTF_8));
            Instant expiration = Instant.parse(json.path("expiration").asText(""));
            String accessKeyId = json.path("accessKeyId").asText("");
            String secret = json.path("secretAccessKey").asText("");
            String session = json.path("sessionToken").asText("");
            if (!name.equals(json.path("key").asText()) || !expiration.isAfter(neededUntil) || accessKeyId.isEmpty()
                    || secret.isEmpty() || session.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(AwsSessionCredentials.builder().accessKeyId(accessKeyId).secretAccessKey(secret)
                    .sessionToken(session).expirationTime(expiration).build());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private void write(Path file, String name, AwsSessionCredentials credentials) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("key", name);
        json.put("accessKeyId", credentials.accessKeyId());
        json.put("secretAccessKey", credentials.secretAccessKey());
        json.put("sessionToken", credentials.sessionToken());
        json.put("expiration", credentials.expirationTime().map(Instant::toString).orElse(""));
        try {
            FileTrust.writePrivateFile(file, json.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            warnings.accept("cannot cache the credentials in " + directory + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public String toString() {
        return "CredentialsCache[" + directory + "]";
    }
}
