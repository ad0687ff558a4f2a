package dev.eksauth.eks;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import dev.eksauth.authz.AccessEntries;
import dev.eksauth.authz.AccessEntry;
import dev.eksauth.core.CallerIdentity;
import dev.eksauth.core.UsernameTemplate;
import dev.eksauth.mapping.IdentityMapper;
import dev.eksauth.mapping.Mapping;
import dev.eksauth.mapping.MappingUnavailableException;

/**
 * Maps a caller as EKS maps it through access entries, by authz's rule
 * ({@link AccessEntries#find}, {@link AccessEntries#username} and {@link AccessEntries#groups}): an
 * assumed-role session by its role's entry, a user by its user entry; the entry's username or the one
 * EKS gives its type, and its groups (or {@code system:nodes} for a node type). Put it in a
 * {@link dev.eksauth.mapping.MapperChain}, alone or, for a cluster in
 * {@link AuthenticationMode#API_AND_CONFIG_MAP}, before the aws-auth mapper
 * ({@link AuthenticationMode#mapper}).
 *
 * <p>Thread-safe. When the entries cannot be loaded (and none were loaded before) it throws
 * {@link MappingUnavailableException}, so the chain answers "unavailable", never "denied".
 */
public final class AccessEntryMapper implements IdentityMapper {
    private final Supplier<AccessEntries> entries;
    private final String source;

    private AccessEntryMapper(Supplier<AccessEntries> entries, String source) {
        this.entries = entries;
        this.source = source;
    }

    /** A mapper over fixed entries, e.g. read with {@link AccessEntries#fromJson}. */
    public static AccessEntryMapper create(AccessEntries entries) {
        Objects.requireNonNull(entries, "entries");
        return new AccessEntryMapper(() -> entries, "accessEntries");
    }

    /** A mapper over a cluster's entries as the source loads and refreshes them. */
    public static AccessEntryMapper create(AccessEntrySource source) {
        Objects.requireNonNull(source, "source");
        return new AccessEntryMapper(source::current, "accessEntries of " + source.clusterName());
    }

    @Override
    public Optional<Mapping> map(CallerIdentity identity) {
        AccessEntries current;
        try {
            current = entries.get();
        } catch (EksException e) {
            throw new MappingUnavailableException("access entries could not be loaded: " + e.getMessage(), e);
        }
        Optional<AccessEntry> found = current.find(identity.principal());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        AccessEntry entry = found.get();
        List<UsernameTemplate> groups = new ArrayList<>();
        for (String g : AccessEntries.groups(entry)) {
            groups.add(UsernameTemplate.compile(g));
        }
        return Optional.of(new Mapping(UsernameTemplate.compile(AccessEntries.username(entry)), groups,
                source + "[" + entry.principalArn() + "]"));
    }

    @Override
    public String toString() {
        return "AccessEntryMapper[" + source + "]";
    }
}
