package dev.eksauth.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.eksauth.core.Arn;
import dev.eksauth.core.CoreException;
import dev.eksauth.core.Partition;
import dev.eksauth.core.Principal;
import dev.eksauth.core.PrincipalType;
import dev.eksauth.core.UsernameTemplate;
import dev.eksauth.core.UntrustedText;

/**
 * Reads and writes single aws-auth entries: keys inside an entry are case-insensitive, bad entries
 * become problems. Stateless.
 */
final class AwsAuthEntries {
    static final String MAP_ROLES = "mapRoles";
    static final String MAP_USERS = "mapUsers";
    static final String MAP_ACCOUNTS = "mapAccounts";

    private AwsAuthEntries() {
    }

    /** Reads a mapRoles entry, or adds a problem and returns null. */
    static RoleMapping role(Object raw, int index, List<AwsAuthProblem> problems) {
        Map<String, Object> entry = entry(raw, MAP_ROLES, index, problems, Set.of("rolearn", "sso", "username", "groups", "userid"));
        if (entry == null) {
            return null;
        }
        try {
            Object arn = entry.get("rolearn");
            Object sso = entry.get("sso");
            if ((arn == null) == (sso == null)) {
                throw new IllegalArgumentException("an entry needs rolearn or sso, not both or neither");
            }
            Optional<Arn> roleArn = arn == null ? Optional.empty() : Optional.of(principal(arn, "rolearn", PrincipalType.ROLE));
            roleArn.filter(r -> !Principal.of(r).path().isEmpty()).ifPresent(r -> problems.add(AwsAuthProblem.warning(MAP_ROLES,
                    index, "rolearn " + UntrustedText.quote(r.toString()) + " has a path: EKS does not match it, since STS "
                            + "reports sessions without the path; write " + Principal.of(r).pathlessArn()
                            + " (eksauth matches it unless role ARN matching is STRICT_AS_EKS)")));
            Optional<SsoMatcher> matcher = sso == null ? Optional.empty() : Optional.of(sso(sso));
            RoleMapping mapping = new RoleMapping(roleArn, matcher, username(entry), groups(entry, MAP_ROLES, index, problems),
                    optionalString(entry, "userid"));
            return mapping;
        } catch (IllegalArgumentException | CoreException e) {
            problems.add(AwsAuthProblem.error(MAP_ROLES, index, e.getMessage()));
            return null;
        }
    }

    /** Reads a mapUsers entry, or adds a problem and returns null. */
    static UserMapping user(Object raw, int index, List<AwsAuthProblem> problems) {
        Map<String, Object> entry = entry(raw, MAP_USERS, index, problems, Set.of("userarn", "username", "groups", "userid"));
        if (entry == null) {
            return null;
        }
        try {
            Object arn = entry.get("userarn");
            if (arn == null) {
                throw new IllegalArgumentException("an entry needs userarn");
            }
            return new UserMapping(principal(arn, "userarn", PrincipalType.USER), username(entry),
                    groups(entry, MAP_USERS, index, problems), optionalString(entry, "userid"));
        } catch (IllegalArgumentException | CoreException e) {
            problems.add(AwsAuthProblem.error(MAP_USERS, index, e.getMessage()));
            return null;
        }
    }

    /** Reads a mapAccounts entry, or adds a problem and returns null. */
    static String account(Object raw, int index, List<AwsAuthProblem> problems) {
        if (raw instanceof String s && SsoMatcher.ACCOUNT.matcher(s).matches()) {
            return s;
        }
        problems.add(AwsAuthProblem.error(MAP_ACCOUNTS, index, "an account id must be 12 digits, got '"
                + UntrustedText.quote(String.valueOf(raw)) + "'"));
        return null;
    }

    /** The document form of a role mapping. */
    static Map<String, Object> write(RoleMapping m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.roleArn().ifPresent(arn -> out.put("rolearn", arn.toString()));
        m.sso().ifPresent(sso -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("permissionSetName", sso.permissionSetName());
            s.put("accountID", sso.accountId());
            if (sso.partition() != Partition.AWS) {
                s.put("partition", sso.partition().id());
            }
            out.put("sso", s);
        });
        writeCommon(out, m.username(), m.groups(), m.userId());
        return out;
    }

    /** The document form of a user mapping. */
    static Map<String, Object> write(UserMapping m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("userarn", m.userArn().toString());
        writeCommon(out, m.username(), m.groups(), m.userId());
        return out;
    }

    /** The value of a key of a raw entry, keys compared case-insensitively. */
    static Object get(Object raw, String key) {
        if (raw instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (e.getKey() instanceof String k && k.equalsIgnoreCase(key)) {
                    return e.getValue();
                }
            }
        }
        return null;
    }

    private static void writeCommon(Map<String, Object> out, UsernameTemplate username, List<UsernameTemplate> groups,
            Optional<String> userId) {
        out.put("username", username.text());
        if (!groups.isEmpty()) {
            out.put("groups", groups.stream().map(UsernameTemplate::text).toList());
        }
        userId.ifPresent(id -> out.put("userid", id));
    }

    private static Map<String, Object> entry(Object raw, String key, int index, List<AwsAuthProblem> problems,
            Set<String> known) {
        if (!(raw instanceof Map<?, ?> map)) {
            problems.add(AwsAuthProblem.error(key, index, "an entry must be a mapping of keys to values"));
            return null;
        }
        Map<String, Object> lower = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String k)) {
                problems.add(AwsAuthProblem.error(key, index, "entry keys must be strings"));
                return null;
            }
            String normal = k.toLowerCase(Locale.ROOT);
            if (lower.put(normal, e.getValue()) != null) {
                problems.add(AwsAuthProblem.error(key, index, "key '" + UntrustedText.quote(normal)
                        + "' appears twice (keys inside entries are case-insensitive)"));
                return null;
            }
            if (!known.contains(normal)) {
                problems.add(AwsAuthProblem.warning(key, index, "unknown key '" + UntrustedText.quote(k) + "' ignored"));
            }
        }
        return lower;
    }

    private static Arn principal(Object value, String key, PrincipalType type) {
        Principal p = Principal.parse(string(value, key));
        if (p.type() != type && !(type == PrincipalType.USER && p.type() == PrincipalType.ROOT)) {
            throw new IllegalArgumentException(key + " '" + UntrustedText.quote(p.arn().toString()) + "' is a "
                    + p.type() + ", expected an IAM " + type.name().toLowerCase(Locale.ROOT));
        }
        return p.arn();
    }

    private static SsoMatcher sso(Object raw) {
        if (!(raw instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("sso must be a mapping with permissionSetName and accountID");
        }
        Object partition = get(raw, "partition");
        Partition p = partition == null ? Partition.AWS : Partition.fromId(string(partition, "sso.partition"))
                .orElseThrow(() -> new IllegalArgumentException("sso.partition '" + UntrustedText.quote(String.valueOf(partition))
                        + "' is not a known partition"));
        return new SsoMatcher(string(get(raw, "permissionSetName"), "sso.permissionSetName"),
                string(get(raw, "accountID"), "sso.accountID"), p);
    }

    private static UsernameTemplate username(Map<String, Object> entry) {
        String username = string(entry.get("username"), "username");
        if (username.isBlank()) {
            throw new IllegalArgumentException("username must not be empty");
        }
        return UsernameTemplate.compile(username);
    }

    private static List<UsernameTemplate> groups(Map<String, Object> entry, String key, int index,
            List<AwsAuthProblem> problems) {
        Object raw = entry.get("groups");
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> list)) {
            throw new IllegalArgumentException("groups must be a list of strings");
        }
        List<UsernameTemplate> groups = new ArrayList<>();
        for (Object group : list) {
            String text = string(group, "each group");
            if (text.contains(" - ")) {
                problems.add(AwsAuthProblem.warning(key, index, "group '" + UntrustedText.quote(text)
                        + "' looks like two groups run together by mis-indentation"));
            }
            groups.add(UsernameTemplate.compile(text));
        }
        return groups;
    }

    private static Optional<String> optionalString(Map<String, Object> entry, String key) {
        Object value = entry.get(key);
        return value == null ? Optional.empty() : Optional.of(string(value, key));
    }

    private static String string(Object value, String what) {
        if (value instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException(what + " must be a string" + (value == null ? ", but is missing" : ""));
    }
}
