package dev.eksauth.mapping;

import java.util.List;

/**
 * The mappings of an aws-auth ConfigMap: roles, users and accounts. Lists are copied and
 * unmodifiable, in document order. Immutable and thread-safe.
 *
 * @param roles the {@code mapRoles} entries
 * @param users the {@code mapUsers} entries
 * @param accounts the {@code mapAccounts} account ids
 */
public record AwsAuthConfig(List<RoleMapping> roles, List<UserMapping> users, List<String> accounts) {
    /** An empty configuration. */
    public static final AwsAuthConfig EMPTY = new AwsAuthConfig(List.of(), List.of(), List.of());

    /** Copies the lists. */
    public AwsAuthConfig {
        roles = List.copyOf(roles);
        users = List.copyOf(users);
        accounts = List.copyOf(accounts);
    }
}
