package dev.eksauth.mapping;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.eksauth.core.Arn;
import dev.eksauth.core.CallerIdentity;
import dev.eksauth.core.Principal;
import dev.eksauth.core.PrincipalType;
import dev.eksauth.core.UsernameTemplate;

/**
 * Maps identities through an aws-auth configuration with hash lookups, whatever its size.
 *
 * <p>In order: an entry with a {@code userid} matches the principal with that unique id (and only
 * it); a role or user entry matches its canonical ARN, compared case-insensitively; a role entry
 * written with a path also matches the path-less role ARN that assumed-role sessions carry (IAM role
 * names are unique in an account); an {@code sso} entry matches the
 * {@code AWSReservedSSO_<permission set>_<suffix>} roles of its account, with or without their
 * {@code aws-reserved/sso.amazonaws.com/[REGION/]} path; a mapped account maps any principal of the
 * account to its canonical ARN, with no groups. When two entries claim the same key, the later one
 * wins, as in the Go authenticator. {@link RoleArnMatching#STRICT_AS_EKS} turns the path-less match of
 * entries written with a path off, to answer as EKS does. Immutable and thread-safe.
 */
public final class AwsAuthMapper implements IdentityMapper {
    private static final String SSO_PATH = "aws-reserved/sso.amazonaws.com/";
    private static final String SSO_PREFIX = "AWSReservedSSO_";

    private final Map<String, Mapping> byUserId = new HashMap<>();
    private final Map<String, Mapping> byArn = new HashMap<>();
    private final Map<String, Mapping> byPathlessRole = new HashMap<>();
    private final Map<String, Mapping> bySso = new HashMap<>();
    private final Set<String> accounts;

    private AwsAuthMapper(AwsAuthConfig config, RoleArnMatching matching) {
        List<RoleMapping> roles = config.roles();
        for (int i = 0; i < roles.size(); i++) {
            RoleMapping role = roles.get(i);
            Mapping mapping = new Mapping(role.username(), role.groups(), "mapRoles[" + i + "]");
            if (role.userId().isPresent()) {
                byUserId.put(role.userId().get(), mapping);
            } else if (role.roleArn().isPresent()) {
                Principal principal = Principal.of(role.roleArn().get());
                byArn.put(key(principal.canonicalArn()), mapping);
                if (matching == RoleArnMatching.LENIENT) {
                    byPathlessRole.put(key(principal.pathlessArn()), mapping);
                }
            } else {
                SsoMatcher sso = role.sso().orElseThrow();
                bySso.put(ssoKey(sso.partition().id(), sso.accountId(), sso.permissionSetName()), mapping);
            }
        }
        List<UserMapping> users = config.users();
        for (int i = 0; i < users.size(); i++) {
            UserMapping user = users.get(i);
            Mapping mapping = new Mapping(user.username(), user.groups(), "mapUsers[" + i + "]");
            if (user.userId().isPresent()) {
                byUserId.put(user.userId().get(), mapping);
            } else {
                byArn.put(key(user.userArn()), mapping);
            }
        }
        this.accounts = Set.copyOf(new HashSet<>(config.accounts()));
    }

    /** A mapper for a configuration, matching role ARNs {@link RoleArnMatching#LENIENT}ly. */
    public static AwsAuthMapper of(AwsAuthConfig config) {
        return of(config, RoleArnMatching.LENIENT);
    }

    /** A mapper for a configuration, matching role ARNs written with a path as {@code matching} says. */
    public static AwsAuthMapper of(AwsAuthConfig config, RoleArnMatching matching) {
        return new AwsAuthMapper(config, java.util.Objects.requireNonNull(matching, "matching"));
    }

    @Override
    public Optional<Mapping> map(CallerIdentity identity) {
        Mapping found = byUserId.get(identity.userId());
        if (found == null) {
            found = byArn.get(key(identity.canonicalArn()));
        }
        PrincipalType type = identity.principalType();
        if (found == null && (type == PrincipalType.ROLE || type == PrincipalType.ASSUMED_ROLE)) {
            found = byPathlessRole.get(key(identity.principal().pathlessArn()));
            if (found == null) {
                found = sso(identity.principal());
            }
        }
        if (found == null && accounts.contains(identity.accountId())) {
            found = new Mapping(UsernameTemplate.compile(identity.canonicalArn().toString()), List.of(), "mapAccounts");
        }
        return Optional.ofNullable(found);
    }

    private Mapping sso(Principal role) {
        String path = role.path();
        if (!role.name().startsWith(SSO_PREFIX)) {
            return null;
        }
        boolean ssoPath = path.isEmpty() || path.equals(SSO_PATH)
                || path.startsWith(SSO_PATH) && path.indexOf('/', SSO_PATH.length()) == path.length() - 1;
        int suffix = role.name().lastIndexOf('_');
        if (!ssoPath || suffix <= SSO_PREFIX.length()) {
            return null;
        }
        String permissionSet = role.name().substring(SSO_PREFIX.length(), suffix);
        return bySso.get(ssoKey(role.canonicalArn().partition().id(), role.accountId(), permissionSet));
    }

    private static String key(Arn arn) {
        return arn.toString().toLowerCase(Locale.ROOT);
    }

    private static String ssoKey(String partition, String account, String permissionSet) {
        return partition + '|' + account + '|' + permissionSet;
    }

    @Override
    public String toString() {
        return "AwsAuthMapper[arns=" + byArn.size() + ", userIds=" + byUserId.size() + ", sso=" + bySso.size()
                + ", accounts=" + accounts.size() + "]";
    }
}
