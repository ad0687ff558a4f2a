package dev.eksauth.cli.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.eksauth.token.EksToken;
import dev.eksauth.token.EksTokenGenerator;

/**
 * Tokens kept on disk between runs of {@code eksauth token --cache}: one JSON file per key, mode
 * 0600, in a directory of mode 0700, under the cache root {@code <cache>/eksauth}.
 *
 * <p>Nothing on disk is trusted that another user could have written. On a file system with POSIX
 * attributes, a cached token is read only when the cache root, the token directory and the file
 * belong to the current user, are not symbolic links and are not writable by group or others; the
 * file is opened without following links and checked again once open. A token is handed out only
 * when it was stored for the same identity (cluster, region, role, access key id), while the clock
 * is before its expiry minus a margin and not before it was signed. Anything else is ignored and
 * replaced; {@link Lookup.Untrusted} says why a file was not trusted. Writes go to a temporary file
 * that is then moved into place atomically (replacing a link, never following it), into directories
 * that are tightened to 0700 first and refused when they belong to another user. Not public API.
 */
final class TokenCache {
    /** Reused tokens keep at least this long before their reported expiry. */
    static final Duration MARGIN = Duration.ofMinutes(1);
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final int MAX_FILE = 16 * 1024;

    private final Path root;
    private final Path directory;
    private final Clock clock;

    /** The identity a token is stored for; {@code roleArn} and {@code accessKeyId} may be null. */
    record Identity(String clusterId, String region, String roleArn, String accessKeyId) {
        Identity {
            Objects.requireNonNull(clusterId, "clusterId");
            Objects.requireNonNull(region, "region");
        }
    }

    /** What a lookup found. */
    sealed interface Lookup {
        /** A token to hand out. */
        record Hit(EksToken token) implements Lookup {
        }

        /** No usable token: none, expired, unreadable, or for another identity. */
        record Miss() implements Lookup {
        }

        /** A file or directory another user could have written; {@code why} names it. */
        record Untrusted(String why) implements Lookup {
        }
    }

    TokenCache(Path root, Clock clock) {
        this.root = root;
        this.directory = root.resolve("tokens");
        this.clock = clock;
    }

    /** The cache under a user's cache directory: root {@code <cache>/eksauth}, tokens in its {@code tokens}. */
    static TokenCache under(Path cacheHome, Clock clock) {
        return new TokenCache(cacheHome.resolve("eksauth"), clock);
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

    /** A cached token for an identity that is still good to hand out, if any, or why the cache is not trusted. */
    Lookup read(String key, Identity identity) {
        Path file = file(key);
        try {
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return new Lookup.Miss();
            }
            for (Path path : List.of(root, directory, file)) {
                Optional<String> distrust = FileTrust.distrust(path, path != file);
                if (distrust.isPresent()) {
                    return new Lookup.Untrusted(distrust.get());
                }
            }
            Optional<byte[]> content = FileTrust.readTrustedFile(file, MAX_FILE);
            if (content.isEmpty()) {
                return new Lookup.Untrusted(file + " changed while it was opened");
            }
            return parse(new String(content.get(), StandardCharsets.UTF_8), identity);
        } catch (IOException | RuntimeException e) {
            return new Lookup.Miss();
        }
    }

    private Lookup parse(String text, Identity identity) throws IOException {
        JsonNode root = Json.MAPPER.readTree(text);
        Identity stored = new Identity(root.path("clusterId").asText(""), root.path("region").asText(""),
                root.path("roleArn").textValue(), root.path("accessKeyId").textValue());
        String value = root.path("token").asText("");
        Instant expiration = Instant.parse(root.path("expiration").asText(""));
        Instant now = clock.instant();
        Instant signed = expiration.minus(EksTokenGenerator.REPORTED_LIFETIME);
        if (stored.equals(identity) && value.startsWith(EksToken.PREFIX) && value.length() <= 4096
                && now.isBefore(expiration.minus(MARGIN)) && !now.isBefore(signed.minus(CLOCK_SKEW))) {
            return new Lookup.Hit(new EksToken(value, expiration));
        }
        return new Lookup.Miss();
    }

    /**
     * Stores a token for an identity under a key, replacing any earlier file atomically.
     *
     * @throws IOException when the directories or file cannot be written, or a directory belongs to
     *     another user or is a link
     */
    void write(String key, Identity identity, EksToken token) throws IOException {
        FileTrust.createPrivateDirectory(root);
        FileTrust.createPrivateDirectory(directory);
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("token", token.value());
        json.put("expiration", token.expiration().toString());
        json.put("clusterId", identity.clusterId());
        json.put("region", identity.region());
        json.put("roleArn", identity.roleArn());
        json.put("accessKeyId", identity.accessKeyId());
        FileTrust.writePrivateFile(file(key), json.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "TokenCache[" + directory + "]";
    }
}
