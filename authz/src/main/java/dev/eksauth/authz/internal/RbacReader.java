package dev.eksauth.authz.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.error.YAMLException;

import dev.eksauth.authz.AuthzProblem;
import dev.eksauth.authz.Binding;
import dev.eksauth.authz.BindingKind;
import dev.eksauth.authz.LabelSelector;
import dev.eksauth.authz.PolicyRule;
import dev.eksauth.authz.Role;
import dev.eksauth.authz.RoleKind;
import dev.eksauth.authz.Subject;
import dev.eksauth.authz.SubjectKind;
import dev.eksauth.core.UntrustedText;

/**
 * Reads RBAC objects from YAML or JSON text (multi-document, {@code List} kinds included) and
 * checks them as the API server's validation does; refused objects become problems, good ones are
 * kept. Other kinds are skipped without comment (a directory of manifests holds many). Not public API.
 */
public final class RbacReader {
    private static final String GROUP = "rbac.authorization.k8s.io";
    private static final String API_VERSION = GROUP + "/v1";
    private static final Set<String> KINDS = Set.of("Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Set<String> RULE_KEYS = Set.of("verbs", "apiGroups", "resources", "resourceNames", "nonResourceURLs");

    private final List<Role> roles;
    private final List<Binding> bindings;
    private final List<AuthzProblem> problems;

    /** A reader that adds to these lists. */
    public RbacReader(List<Role> roles, List<Binding> bindings, List<AuthzProblem> problems) {
        this.roles = roles;
        this.bindings = bindings;
        this.problems = problems;
    }

    /** Reads every document of a file's text; {@code source} names the file in problems. */
    public void read(String text, String source) {
        Iterator<Object> documents;
        int index = 0;
        try {
            documents = Yamls.loader().loadAll(text).iterator();
            while (documents.hasNext()) {
                index++;
                Object document = documents.next();
                if (document != null) {
                    object(document, source + "#" + index);
                }
            }
        } catch (YAMLException e) {
            problems.add(AuthzProblem.error(source + "#" + Math.max(index, 1), "not valid YAML or breaks a safety limit ("
                    + firstLine(e.getMessage()) + "); the rest of the file is skipped"));
        }
    }

    private void object(Object raw, String location) {
        if (!(raw instanceof Map<?, ?> map)) {
            problems.add(AuthzProblem.error(location, "a manifest must be a mapping with apiVersion and kind"));
            return;
        }
        Object kind = map.get("kind");
        if (kind instanceof String k && k.endsWith("List") && map.get("items") instanceof List<?> items) {
            for (int i = 0; i < items.size(); i++) {
                object(items.get(i), location + " items[" + i + "]");
            }
            return;
        }
        if (!(kind instanceof String k) || !KINDS.contains(k)) {
            return;
        }
        try {
            Fields f = Fields.of(map, "");
            Fields metadata = f.object("metadata");
            String name = metadata.string("name");
            String where = location + " (" + k + " " + (name.isEmpty() ? "without a name" : UntrustedText.quote(name)) + ")";
            try {
                read(k, f, metadata, name, where);
            } catch (Refused e) {
                problems.add(AuthzProblem.error(where, e.getMessage()));
            }
        } catch (Refused e) {
            problems.add(AuthzProblem.error(location, e.getMessage()));
        }
    }

    private void read(String kind, Fields f, Fields metadata, String name, String where) {
        String apiVersion = f.string("apiVersion");
        if (!apiVersion.equals(API_VERSION)) {
            throw new Refused(apiVersion.startsWith(GROUP + "/")
                    ? "apiVersion " + UntrustedText.quote(apiVersion) + " is no longer served (removed in Kubernetes 1.22); use "
                            + API_VERSION
                    : "apiVersion must be " + API_VERSION + ", got '" + UntrustedText.quote(apiVersion) + "'");
        }
        if (name.isEmpty()) {
            throw new Refused("metadata.name is required");
        }
        if (name.equals(".") || name.equals("..") || name.contains("/") || name.contains("%")) {
            throw new Refused("metadata.name may not be '.' or '..' and may not contain '/' or '%'");
        }
        boolean namespaced = kind.equals("Role") || kind.equals("RoleBinding");
        String namespace = metadata.string("namespace");
        if (namespaced && namespace.isEmpty()) {
            problems.add(AuthzProblem.warning(where, "no metadata.namespace: taken as 'default' (kubectl would use its "
                    + "context's namespace)"));
            namespace = "default";
        } else if (namespaced && !DNS_LABEL.matcher(namespace).matches()) {
            throw new Refused("metadata.namespace '" + UntrustedText.quote(namespace) + "' is not a DNS label");
        } else if (!namespaced && !namespace.isEmpty()) {
            problems.add(AuthzProblem.warning(where, "metadata.namespace is ignored: a " + kind + " is cluster-scoped"));
            namespace = "";
        }
        Map<String, String> labels = metadata.stringMap("labels");
        switch (kind) {
            case "Role":
            case "ClusterRole":
                roles.add(role(kind.equals("Role") ? RoleKind.ROLE : RoleKind.CLUSTER_ROLE, namespace, name, labels, f, where));
                break;
            default:
                bindings.add(binding(kind.equals("RoleBinding") ? BindingKind.ROLE_BINDING : BindingKind.CLUSTER_ROLE_BINDING,
                        namespace, name, f));
                break;
        }
    }

    private Role role(RoleKind kind, String namespace, String name, Map<String, String> labels, Fields f, String where) {
        List<PolicyRule> rules = new ArrayList<>();
        List<?> raw = f.list("rules");
        for (int i = 0; i < raw.size(); i++) {
            rules.add(rule(raw.get(i), "rules[" + i + "]", kind == RoleKind.ROLE, where));
        }
        Optional<List<LabelSelector>> aggregation = Optional.empty();
        if (f.has("aggregationRule")) {
            if (kind == RoleKind.ROLE) {
                throw new Refused("aggregationRule is allowed on a ClusterRole only");
            }
            List<LabelSelector> selectors = new ArrayList<>();
            List<?> rawSelectors = f.object("aggregationRule").list("clusterRoleSelectors");
            for (int i = 0; i < rawSelectors.size(); i++) {
                selectors.add(selector(Fields.of(rawSelectors.get(i), "aggregationRule.clusterRoleSelectors[" + i + "]")));
            }
            aggregation = Optional.of(selectors);
            if (!rules.isEmpty()) {
                problems.add(AuthzProblem.warning(where, "the rules of an aggregated ClusterRole are replaced by the "
                        + "aggregation controller; these " + rules.size() + " rule(s) do not apply as written"));
            }
        }
        return new Role(kind, namespace, name, labels, rules, aggregation);
    }

    private PolicyRule rule(Object raw, String what, boolean namespaced, String where) {
        Fields r = Fields.of(raw, what).known(RULE_KEYS, w -> problems.add(AuthzProblem.warning(where, w)));
        PolicyRule rule = new PolicyRule(r.strings("verbs"), r.strings("apiGroups"), r.strings("resources"),
                r.strings("resourceNames"), r.strings("nonResourceURLs"));
        if (rule.verbs().isEmpty()) {
            throw new Refused(what + ".verbs: at least one verb is required");
        }
        if (!rule.nonResourceURLs().isEmpty()) {
            if (namespaced) {
                throw new Refused(what + ".nonResourceURLs: namespaced rules cannot apply to non-resource URLs");
            }
            if (!rule.apiGroups().isEmpty() || !rule.resources().isEmpty()) {
                throw new Refused(what + ": rules cannot apply to both regular resources and non-resource URLs");
            }
            return rule;
        }
        if (rule.apiGroups().isEmpty()) {
            throw new Refused(what + ".apiGroups: resource rules must supply at least one api group");
        }
        if (rule.resources().isEmpty()) {
            throw new Refused(what + ".resources: resource rules must supply at least one resource");
        }
        return rule;
    }

    private static LabelSelector selector(Fields s) {
        List<LabelSelector.Requirement> requirements = new ArrayList<>();
        List<?> raw = s.list("matchExpressions");
        for (int i = 0; i < raw.size(); i++) {
            Fields e = Fields.of(raw.get(i), s.name("matchExpressions[" + i + "]"));
            String operator = e.required("operator");
            List<String> values = e.strings("values");
            LabelSelector.Operator op;
            switch (operator) {
                case "In":
                    op = LabelSelector.Operator.IN;
                    break;
                case "NotIn":
                    op = LabelSelector.Operator.NOT_IN;
                    break;
                case "Exists":
                    op = LabelSelector.Operator.EXISTS;
                    break;
                case "DoesNotExist":
                    op = LabelSelector.Operator.DOES_NOT_EXIST;
                    break;
                default:
                    throw new Refused(e.name("operator") + " '" + UntrustedText.quote(operator)
                            + "' is not one of In, NotIn, Exists, DoesNotExist");
            }
            boolean needsValues = op == LabelSelector.Operator.IN || op == LabelSelector.Operator.NOT_IN;
            if (needsValues == values.isEmpty()) {
                throw new Refused(e.name("values") + (needsValues ? " must be non-empty for " : " must be empty for ") + operator);
            }
            requirements.add(new LabelSelector.Requirement(e.required("key"), op, values));
        }
        return new LabelSelector(s.stringMap("matchLabels"), requirements);
    }

    private static Binding binding(BindingKind kind, String namespace, String name, Fields f) {
        Fields ref = f.object("roleRef");
        if (!ref.string("apiGroup").equals(GROUP)) {
            throw new Refused("roleRef.apiGroup must be " + GROUP);
        }
        String refKind = ref.required("kind");
        RoleKind roleKind;
        if (refKind.equals("ClusterRole")) {
            roleKind = RoleKind.CLUSTER_ROLE;
        } else if (refKind.equals("Role") && kind == BindingKind.ROLE_BINDING) {
            roleKind = RoleKind.ROLE;
        } else {
            throw new Refused("roleRef.kind must be " + (kind == BindingKind.ROLE_BINDING ? "Role or ClusterRole" : "ClusterRole")
                    + ", got '" + UntrustedText.quote(refKind) + "'");
        }
        String roleName = ref.required("name");
        List<Subject> subjects = new ArrayList<>();
        List<?> raw = f.list("subjects");
        for (int i = 0; i < raw.size(); i++) {
            subjects.add(subject(Fields.of(raw.get(i), "subjects[" + i + "]"), kind));
        }
        return new Binding(kind, namespace, name, roleKind, roleName, subjects);
    }

    private static Subject subject(Fields s, BindingKind bindingKind) {
        String kind = s.required("kind");
        String name = s.required("name");
        String apiGroup = s.string("apiGroup");
        String namespace = s.string("namespace");
        switch (kind) {
            case "User":
            case "Group":
                if (!apiGroup.isEmpty() && !apiGroup.equals(GROUP)) {
                    throw new Refused(s.name("apiGroup") + " of a " + kind + " must be " + GROUP);
                }
                return new Subject(kind.equals("User") ? SubjectKind.USER : SubjectKind.GROUP, name, "");
            case "ServiceAccount":
                if (!apiGroup.isEmpty()) {
                    throw new Refused(s.name("apiGroup") + " of a ServiceAccount must be empty");
                }
                if (namespace.isEmpty() && bindingKind == BindingKind.CLUSTER_ROLE_BINDING) {
                    throw new Refused(s.name("namespace") + " is required for a ServiceAccount of a ClusterRoleBinding");
                }
                return new Subject(SubjectKind.SERVICE_ACCOUNT, name, namespace);
            default:
                throw new Refused(s.name("kind") + " '" + UntrustedText.quote(kind) + "' is not User, Group or ServiceAccount");
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return UntrustedText.quote(nl < 0 ? message : message.substring(0, nl));
    }
}
