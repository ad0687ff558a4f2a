package dev.eksauth.mapping;

import java.util.Objects;
import java.util.regex.Pattern;

import dev.eksauth.core.Partition;

/**
 * Matches the roles IAM Identity Center creates for a permission set in an account:
 * {@code arn:P:iam::ACCOUNT:role/aws-reserved/sso.amazonaws.com/[REGION/]AWSReservedSSO_<SET>_<SUFFIX>}.
 * Immutable and thread-safe.
 *
 * @param permissionSetName the permission set's name, {@code [\w+=,.@-]{1,32}}
 * @param accountId the 12-digit account id
 * @param partition the partition, {@code aws} unless given
 */
public record SsoMatcher(String permissionSetName, String accountId, Partition partition) {
    static final Pattern PERMISSION_SET = Pattern.compile("[\\w+=,.@-]{1,32}");
    static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException when the permission set name or account id is malformed
     */
    public SsoMatcher {
        Objects.requireNonNull(partition, "partition");
        if (permissionSetName == null || !PERMISSION_SET.matcher(permissionSetName).matches()) {
            throw new IllegalArgumentException("permissionSetName must be 1 to 32 characters of letters, digits and +=,.@_-");
        }
        if (accountId == null || !ACCOUNT.matcher(accountId).matches()) {
            throw new IllegalArgumentException("accountID must be 12 digits");
        }
    }
}
