package dev.eksauth.mapping;

import java.util.Map;

import dev.eksauth.core.PrivateDnsNameResolver;

/**
 * Resolves {@code {{EC2PrivateDNSName}}} from a fixed table, for tests, air-gapped set-ups and
 * clusters whose node names are known. Immutable and thread-safe.
 */
public final class StaticPrivateDnsNameResolver implements PrivateDnsNameResolver {
    private final Map<String, String> names;

    private StaticPrivateDnsNameResolver(Map<String, String> names) {
        this.names = Map.copyOf(names);
    }

    /** A resolver for the given instance ids and their private DNS names. */
    public static StaticPrivateDnsNameResolver of(Map<String, String> names) {
        return new StaticPrivateDnsNameResolver(names);
    }

    /**
     * Returns the name in the table.
     *
     * @throws IllegalStateException when the table has no entry for the instance
     */
    @Override
    public String privateDnsName(String instanceId) {
        String name = names.get(instanceId);
        if (name == null) {
            throw new IllegalStateException("no private DNS name is known for instance " + instanceId);
        }
        return name;
    }
}
