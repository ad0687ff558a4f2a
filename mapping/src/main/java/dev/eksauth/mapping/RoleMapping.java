package dev.eksauth.mapping;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.eksauth.core.Arn;
import dev.eksauth.core.UsernameTemplate;

/**
 * A {@code mapRoles} entry: a role, or the roles of an IAM Identity Center permission set, mapped to
 * a username and groups (both templates). Exactly one of {@link #roleArn()} and {@link #sso()} is
 * present. Immutable and thread-safe.
 *
 * @param roleArn the role, with or without its path
 * @param sso the permission set whose roles match
 * @param username the username template
 * @param groups the group templates
 * @param userId the role's unique id, when the mapping names one
 */
public record RoleMapping(Optional<Arn> roleArn, Optional<SsoMatcher> sso, UsernameTemplate username,
        List<UsernameTemplate> groups, Optional<String> userId) {

    /**
     * Checks and copies the components.
     *
     * @throws IllegalArgumentException when both or neither of role ARN and SSO matcher are present
     */
    public RoleMapping {
        Objects.requireNonNull(roleArn, "roleArn");
        Objects.requireNonNull(sso, "sso");
        Objects.requireNonNull(username, "username");
        groups = List.copyOf(groups);
        Objects.requireNonNull(userId, "userId");
        if (roleArn.isPresent() == sso.isPresent()) {
            throw new IllegalArgumentException("a role mapping has a rolearn or an sso matcher, not both or neither");
        }
    }

    /** A mapping of one role. */
    public static RoleMapping of(Arn roleArn, String username, List<String> groups) {
        return new RoleMapping(Optional.of(roleArn), Optional.empty(), UsernameTemplate.compile(username),
                groups.stream().map(UsernameTemplate::compile).toList(), Optional.empty());
    }

    /** A mapping of a permission set's roles. */
    public static RoleMapping of(SsoMatcher sso, String username, List<String> groups) {
        return new RoleMapping(Optional.empty(), Optional.of(sso), UsernameTemplate.compile(username),
                groups.stream().map(UsernameTemplate::compile).toList(), Optional.empty());
    }
}
