package dev.eksauth.mapping;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Username prefixes a mapper must not hand out, e.g. {@code system:}, {@code eks:} and
 * {@code amazon:} for a less trusted source: a mapping of that mapper whose username renders to
 * one of them is denied ({@link DenialReason#RESERVED_PREFIX}). Used with
 * {@link MapperChain.Builder#add(IdentityMapper, ReservedPrefixes)}. Immutable and thread-safe.
 *
 * @param prefixes the prefixes, none of them empty
 */
public record ReservedPrefixes(List<String> prefixes) {
    private static final ReservedPrefixes NONE = new ReservedPrefixes(List.of());

    /**
     * Checks and copies the prefixes.
     *
     * @throws IllegalArgumentException when a prefix is empty
     */
    public ReservedPrefixes {
        prefixes = List.copyOf(prefixes);
        for (String prefix : prefixes) {
            if (prefix.isEmpty()) {
                throw new IllegalArgumentException("a reserved prefix must not be empty");
            }
        }
    }

    /**
     * The given prefixes.
     *
     * @throws IllegalArgumentException when a prefix is empty
     */
    public static ReservedPrefixes of(String... prefixes) {
        return new ReservedPrefixes(List.of(prefixes));
    }

    /** No reserved prefixes. */
    public static ReservedPrefixes none() {
        return NONE;
    }

    /** The first prefix the username starts with, if any. */
    public Optional<String> prefixOf(String username) {
        Objects.requireNonNull(username, "username");
        return prefixes.stream().filter(username::startsWith).findFirst();
    }
}
