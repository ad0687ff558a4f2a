package dev.eksauth.mapping;

import java.util.List;
import java.util.Objects;

import dev.eksauth.core.UsernameTemplate;

/**
 * What a mapper found for an identity: the username and group templates to render, and where the
 * mapping came from (for logs, e.g. {@code mapRoles[3]}). Immutable and thread-safe.
 *
 * @param username the username template
 * @param groups the group templates
 * @param source where the mapping was found
 */
public record Mapping(UsernameTemplate username, List<UsernameTemplate> groups, String source) {
    /** Checks and copies the components. */
    public Mapping {
        Objects.requireNonNull(username, "username");
        groups = List.copyOf(groups);
        Objects.requireNonNull(source, "source");
    }
}
