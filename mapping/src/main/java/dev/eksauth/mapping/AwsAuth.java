package dev.eksauth.mapping;

import static dev.eksauth.mapping.AwsAuthEntries.MAP_ACCOUNTS;
import static dev.eksauth.mapping.AwsAuthEntries.MAP_ROLES;
import static dev.eksauth.mapping.AwsAuthEntries.MAP_USERS;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

import org.yaml.snakeyaml.error.YAMLException;

import dev.eksauth.core.Arn;
import dev.eksauth.core.UntrustedText;
import dev.eksauth.mapping.internal.Yamls;

/**
 * An aws-auth ConfigMap: read from a whole manifest (YAML or JSON) or from its {@code data}, with
 * the mappings it holds and the problems found in it, and edited the way {@code eksctl create/delete
 * iamidentitymapping} does.
 *
 * <p>{@code data.mapRoles}, {@code data.mapUsers} and {@code data.mapAccounts} are YAML documents
 * inside strings. Top-level keys are case-sensitive (a {@code maproles} key is ignored, with a
 * warning); keys inside entries are case-insensitive; empty values are skipped; a bad entry is
 * reported as an {@link AwsAuthProblem} and the good entries are kept. Parsing uses SnakeYAML's safe
 * constructor with alias, nesting and size limits. Edits re-write only the key they change, and keep
 * every entry they do not touch (unknown keys and bad entries included). Immutable and thread-safe.
 */
public final class AwsAuth {
    private static final List<String> KEYS = List.of(MAP_ROLES, MAP_USERS, MAP_ACCOUNTS);

    private final Map<String, Object> manifest;
    private final Map<String, String> data;
    private final AwsAuthConfig config;
    private final List<AwsAuthProblem> problems;

    private AwsAuth(Map<String, Object> manifest, Map<String, String> data, List<AwsAuthProblem> shapeProblems) {
        this.manifest = manifest;
        this.data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
        List<AwsAuthProblem> found = new ArrayList<>(shapeProblems);
        this.config = read(this.data, found);
        this.problems = List.copyOf(found);
    }

    /**
     * Reads a whole ConfigMap manifest.
     *
     * @param manifest YAML or JSON text of a {@code ConfigMap}
     * @throws AwsAuthFormatException when the text cannot be read as a ConfigMap
     */
    public static AwsAuth parseConfigMap(String manifest) {
        Objects.requireNonNull(manifest, "manifest");
        Object root = load(manifest, "the ConfigMap");
        if (!(root instanceof Map<?, ?> map)) {
            throw new AwsAuthFormatException("the ConfigMap must be a mapping with a data key", null);
        }
        Object kind = map.get("kind");
        if (kind != null && !"ConfigMap".equals(kind)) {
            throw new AwsAuthFormatException("expected kind ConfigMap, got '"
                    + UntrustedText.quote(String.valueOf(kind)) + "'", null);
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        Object rawData = copy.get("data");
        Map<String, String> data = new LinkedHashMap<>();
        List<AwsAuthProblem> shape = new ArrayList<>();
        if (rawData instanceof Map<?, ?> d) {
            d.forEach((k, v) -> {
                if (v instanceof String s || v == null) {
                    data.put(String.valueOf(k), v == null ? "" : (String) v);
                } else {
                    shape.add(AwsAuthProblem.error(String.valueOf(k), -1,
                            "the value must be a string holding YAML; write '" + k + ": |' before the list"));
                }
            });
        } else if (rawData != null) {
            throw new AwsAuthFormatException("the ConfigMap's data must be a mapping", null);
        }
        return new AwsAuth(copy, data, shape);
    }

    /**
     * Reads the {@code data} of a ConfigMap.
     *
     * @param data the data keys and their string values
     */
    public static AwsAuth parseData(Map<String, String> data) {
        Objects.requireNonNull(data, "data");
        return new AwsAuth(null, data, List.of());
    }

    /** Encodes a configuration as a new aws-auth ConfigMap. */
    public static AwsAuth of(AwsAuthConfig config) {
        Map<String, String> data = new LinkedHashMap<>();
        if (!config.roles().isEmpty()) {
            data.put(MAP_ROLES, Yamls.dump(config.roles().stream().map(AwsAuthEntries::write).toList()));
        }
        if (!config.users().isEmpty()) {
            data.put(MAP_USERS, Yamls.dump(config.users().stream().map(AwsAuthEntries::write).toList()));
        }
        if (!config.accounts().isEmpty()) {
            data.put(MAP_ACCOUNTS, Yamls.dump(config.accounts()));
        }
        return new AwsAuth(null, data, List.of());
    }

    /** The mappings read. */
    public AwsAuthConfig config() {
        return config;
    }

    /** What was wrong, in document order; empty when nothing was. */
    public List<AwsAuthProblem> problems() {
        return problems;
    }

    /** The ConfigMap's data: every key, the three mapping keys as YAML text. */
    public Map<String, String> data() {
        return data;
    }

    /**
     * The whole ConfigMap as YAML: the manifest it was read from with its data replaced, or a new
     * {@code kube-system/aws-auth} ConfigMap.
     */
    public String toConfigMapYaml() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (manifest == null) {
            out.put("apiVersion", "v1");
            out.put("kind", "ConfigMap");
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("name", "aws-auth");
            metadata.put("namespace", "kube-system");
            out.put("metadata", metadata);
        } else {
            out.putAll(manifest);
        }
        out.put("data", new LinkedHashMap<>(data));
        return Yamls.dump(out);
    }

    /** Adds a role mapping after the existing ones. */
    public AwsAuth withRoleMapping(RoleMapping mapping) {
        return edit(MAP_ROLES, entries -> entries.add(AwsAuthEntries.write(mapping)));
    }

    /** Removes every role mapping of a role (ARNs compared case-insensitively). */
    public AwsAuth withoutRoleMapping(Arn roleArn) {
        return edit(MAP_ROLES, entries -> entries.removeIf(sameArn("rolearn", roleArn)));
    }

    /** Adds a user mapping after the existing ones. */
    public AwsAuth withUserMapping(UserMapping mapping) {
        return edit(MAP_USERS, entries -> entries.add(AwsAuthEntries.write(mapping)));
    }

    /** Removes every user mapping of a user (ARNs compared case-insensitively). */
    public AwsAuth withoutUserMapping(Arn userArn) {
        return edit(MAP_USERS, entries -> entries.removeIf(sameArn("userarn", userArn)));
    }

    /**
     * Adds an account to {@code mapAccounts} unless it is there.
     *
     * @throws IllegalArgumentException when the account id is not 12 digits
     */
    public AwsAuth withAccount(String accountId) {
        if (accountId == null || !SsoMatcher.ACCOUNT.matcher(accountId).matches()) {
            throw new IllegalArgumentException("an account id must be 12 digits");
        }
        return edit(MAP_ACCOUNTS, entries -> {
            if (!entries.contains(accountId)) {
                entries.add(accountId);
            }
        });
    }

    /** Removes an account from {@code mapAccounts}. */
    public AwsAuth withoutAccount(String accountId) {
        return edit(MAP_ACCOUNTS, entries -> entries.remove(accountId));
    }

    private static Predicate<Object> sameArn(String key, Arn arn) {
        return entry -> AwsAuthEntries.get(entry, key) instanceof String s && s.equalsIgnoreCase(arn.toString());
    }

    private AwsAuth edit(String key, java.util.function.Consumer<List<Object>> change) {
        List<Object> entries = new ArrayList<>();
        String text = data.get(key);
        if (text != null && !isEmpty(text)) {
            Object loaded = load(text, key);
            if (!(loaded instanceof List<?> list)) {
                throw new AwsAuthFormatException(key + " is not a list; fix it before editing", null);
            }
            entries.addAll(list);
        }
        change.accept(entries);
        Map<String, String> edited = new LinkedHashMap<>(data);
        if (entries.isEmpty()) {
            edited.remove(key);
        } else {
            edited.put(key, Yamls.dump(entries));
        }
        return new AwsAuth(manifest, edited, List.of());
    }

    private static AwsAuthConfig read(Map<String, String> data, List<AwsAuthProblem> problems) {
        for (String key : data.keySet()) {
            for (String known : KEYS) {
                if (!key.equals(known) && key.equalsIgnoreCase(known)) {
                    problems.add(AwsAuthProblem.warning(key, -1, "ignored: data keys are case-sensitive, did you mean "
                            + known + "?"));
                }
            }
        }
        List<RoleMapping> roles = new ArrayList<>();
        List<UserMapping> users = new ArrayList<>();
        List<String> accounts = new ArrayList<>();
        readList(data, MAP_ROLES, problems, (raw, i) -> add(roles, AwsAuthEntries.role(raw, i, problems)));
        readList(data, MAP_USERS, problems, (raw, i) -> add(users, AwsAuthEntries.user(raw, i, problems)));
        readList(data, MAP_ACCOUNTS, problems, (raw, i) -> add(accounts, AwsAuthEntries.account(raw, i, problems)));
        return new AwsAuthConfig(roles, users, accounts);
    }

    private static <T> void add(List<T> list, T item) {
        if (item != null) {
            list.add(item);
        }
    }

    private static void readList(Map<String, String> data, String key, List<AwsAuthProblem> problems,
            java.util.function.ObjIntConsumer<Object> entry) {
        String text = data.get(key);
        if (text == null || isEmpty(text)) {
            return;
        }
        Object loaded;
        try {
            loaded = load(text, key);
        } catch (AwsAuthFormatException e) {
            problems.add(AwsAuthProblem.error(key, -1, e.getMessage()));
            return;
        }
        if (loaded == null || "".equals(loaded)) {
            return;
        }
        if (!(loaded instanceof List<?> list)) {
            problems.add(AwsAuthProblem.error(key, -1, "must be a YAML list of entries"));
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            entry.accept(list.get(i), i);
        }
    }

    private static boolean isEmpty(String text) {
        String t = text.strip();
        return t.isEmpty() || t.equals("\"\"") || t.equals("''");
    }

    private static Object load(String text, String what) {
        try {
            return Yamls.load(text);
        } catch (YAMLException e) {
            throw new AwsAuthFormatException(what + " is not valid YAML or breaks a safety limit: "
                    + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return UntrustedText.quote(nl < 0 ? message : message.substring(0, nl));
    }

    @Override
    public String toString() {
        return "AwsAuth[roles=" + config.roles().size() + ", users=" + config.users().size() + ", accounts="
                + config.accounts().size() + ", problems=" + problems.size() + "]";
    }
}
