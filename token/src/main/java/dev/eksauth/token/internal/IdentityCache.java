package dev.eksauth.token.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.eksauth.core.CallerIdentity;

/**
 * A bounded map from the SHA-256 of a token to the identity STS confirmed for it, each entry valid
 * until its token expires. Only hashes are kept, never tokens. When full, expired entries go first,
 * then arbitrary ones. Thread-safe. Not public API.
 */
public final class IdentityCache {
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    });

    private final int maxSize;
    private final Clock clock;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

    /**
     * A cache.
     *
     * @param maxSize the most entries kept; 0 keeps none
     * @param clock decides when entries expire
     */
    public IdentityCache(int maxSize, Clock clock) {
        this.maxSize = maxSize;
        this.clock = clock;
    }

    /** The key of a token: its SHA-256. */
    public static Key keyOf(String token) {
        MessageDigest sha = SHA_256.get();
        return new Key(sha.digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    /** The identity cached for a key, if present and not expired. */
    public CallerIdentity get(Key key) {
        if (maxSize == 0) {
            return null;
        }
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (!clock.instant().isBefore(entry.expiresAt)) {
            entries.remove(key, entry);
            return null;
        }
        return entry.identity;
    }

    /** Caches an identity until the given instant. */
    public void put(Key key, CallerIdentity identity, Instant expiresAt) {
        if (maxSize == 0) {
            return;
        }
        if (entries.size() >= maxSize) {
            evict();
        }
        entries.put(key, new Entry(identity, expiresAt));
    }

    /** The number of entries, expired ones included. */
    public int size() {
        return entries.size();
    }

    private void evict() {
        Instant now = clock.instant();
        entries.values().removeIf(e -> !now.isBefore(e.expiresAt));
        Iterator<Key> keys = entries.keySet().iterator();
        while (entries.size() >= maxSize && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }

    private record Entry(CallerIdentity identity, Instant expiresAt) {
    }

    /** A token's SHA-256. */
    public static final class Key {
        private final byte[] digest;
        private final int hash;

        Key(byte[] digest) {
            this.digest = digest;
            this.hash = Arrays.hashCode(digest);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && MessageDigest.isEqual(digest, other.digest);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
