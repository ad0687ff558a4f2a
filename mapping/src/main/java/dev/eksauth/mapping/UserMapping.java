package dev.eksauth.mapping;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.eksauth.core.Arn;
import dev.eksauth.core.UsernameTemplate;

/**
 * A {@code mapUsers} entry: an IAM user (or an account's root user) mapped to a username and groups.
 * Immutable and thread-safe.
 *
 * @param userArn the user
 * @param username the username template
 * @param groups the group templates
 * @param userId the user's unique id, when the mapping names one
 */
public record UserMapping(Arn userArn, UsernameTemplate username, List<UsernameTemplate> groups,
        Optional<String> userId) {

    /** Checks and copies the components. */
    public UserMapping {
        Objects.requireNonNull(userArn, "userArn");
        Objects.requireNonNull(username, "username");
        groups = List.copyOf(groups);
        Objects.requireNonNull(userId, "userId");
    }

    /** A mapping of one user. */
    public static UserMapping of(Arn userArn, String username, List<String> groups) {
        return new UserMapping(userArn, UsernameTemplate.compile(username),
                groups.stream().map(UsernameTemplate::compile).toList(), Optional.empty());
    }
}
