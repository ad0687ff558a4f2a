package dev.eksauth.authz.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.eksauth.authz.Binding;
import dev.eksauth.authz.BindingKind;
import dev.eksauth.authz.LabelSelector;
import dev.eksauth.authz.PolicyRule;
import dev.eksauth.authz.RbacObjects;
import dev.eksauth.authz.Role;
import dev.eksauth.authz.RoleKind;
import dev.eksauth.authz.Subject;
import dev.eksauth.authz.SubjectKind;

/**
 * RBAC objects made ready for decisions: aggregated ClusterRoles resolved as the aggregation
 * controller would (to a fixed point, so that {@code admin} gathers {@code edit}, which gathers
 * {@code view}), every binding joined to its role's rules, and bindings indexed by subject
 * (username or group, per namespace for RoleBindings), so a decision looks up its user's keys instead
 * of scanning. Immutable once built; thread-safe. Not public API.
 */
public final class RbacIndex {
    /** A binding with the role it refers to (empty when that role does not exist) and its rules. */
    public record Bound(Binding binding, Optional<Role> role, List<PolicyRule> rules) {
    }

    private final Map<String, List<Bound>> clusterUsers = new HashMap<>();
    private final Map<String, List<Bound>> clusterGroups = new HashMap<>();
    private final Map<String, Map<String, List<Bound>>> namespacedUsers = new HashMap<>();
    private final Map<String, Map<String, List<Bound>>> namespacedGroups = new HashMap<>();
    private final List<Bound> clusterRoleBindings = new ArrayList<>();
    private final Map<String, List<Bound>> roleBindingsByNamespace = new HashMap<>();

    /** Builds the index. */
    public RbacIndex(RbacObjects objects) {
        Map<String, Role> clusterRoles = new LinkedHashMap<>();
        Map<String, Role> roles = new HashMap<>();
        for (Role role : objects.roles()) {
            if (role.kind() == RoleKind.CLUSTER_ROLE) {
                clusterRoles.put(role.name(), role);
            } else {
                roles.put(role.namespace() + "/" + role.name(), role);
            }
        }
        Map<String, List<PolicyRule>> clusterRules = aggregate(clusterRoles);
        for (Binding binding : objects.bindings()) {
            boolean ofClusterRole = binding.roleKind() == RoleKind.CLUSTER_ROLE;
            Role role = ofClusterRole ? clusterRoles.get(binding.roleName())
                    : roles.get(binding.namespace() + "/" + binding.roleName());
            List<PolicyRule> rules = role == null ? List.of() : ofClusterRole ? clusterRules.get(role.name()) : role.rules();
            Bound bound = new Bound(binding, Optional.ofNullable(role), rules);
            boolean cluster = binding.kind() == BindingKind.CLUSTER_ROLE_BINDING;
            if (cluster) {
                clusterRoleBindings.add(bound);
            } else {
                roleBindingsByNamespace.computeIfAbsent(binding.namespace(), k -> new ArrayList<>()).add(bound);
            }
            for (Subject subject : binding.subjects()) {
                String name = username(subject, binding.namespace());
                if (name == null) {
                    continue;
                }
                boolean group = subject.kind() == SubjectKind.GROUP;
                Map<String, List<Bound>> map = cluster ? (group ? clusterGroups : clusterUsers)
                        : (group ? namespacedGroups : namespacedUsers).computeIfAbsent(binding.namespace(), k -> new HashMap<>());
                map.computeIfAbsent(name, k -> new ArrayList<>(1)).add(bound);
            }
        }
    }

    /** The ClusterRoleBindings that name a user (a service account by its username). */
    public List<Bound> clusterWideOfUser(String username) {
        return clusterUsers.getOrDefault(username, List.of());
    }

    /** The ClusterRoleBindings that name a group. */
    public List<Bound> clusterWideOfGroup(String group) {
        return clusterGroups.getOrDefault(group, List.of());
    }

    /** The RoleBindings of a namespace that name a user (a service account by its username). */
    public List<Bound> namespacedOfUser(String namespace, String username) {
        return namespacedUsers.getOrDefault(namespace, Map.of()).getOrDefault(username, List.of());
    }

    /** The RoleBindings of a namespace that name a group. */
    public List<Bound> namespacedOfGroup(String namespace, String group) {
        return namespacedGroups.getOrDefault(namespace, Map.of()).getOrDefault(group, List.of());
    }

    /** Every ClusterRoleBinding, in the order read. */
    public List<Bound> clusterRoleBindings() {
        return clusterRoleBindings;
    }

    /** The RoleBindings of a namespace, in the order read. */
    public List<Bound> roleBindings(String namespace) {
        return roleBindingsByNamespace.getOrDefault(namespace, List.of());
    }

    /** The namespaces that have RoleBindings, sorted. */
    public Set<String> namespaces() {
        return new TreeSet<>(roleBindingsByNamespace.keySet());
    }

    /** The subject as a service account of a binding's namespace sees it (its namespace filled in). */
    public static Subject effective(Subject subject, String bindingNamespace) {
        if (subject.kind() == SubjectKind.SERVICE_ACCOUNT && subject.namespace().isEmpty()) {
            return Subject.serviceAccount(bindingNamespace, subject.name());
        }
        return subject;
    }

    /** The user or group name a subject matches; a service account's username; null when it can match none. */
    private static String username(Subject subject, String bindingNamespace) {
        if (subject.kind() != SubjectKind.SERVICE_ACCOUNT) {
            return subject.name();
        }
        String namespace = subject.namespace().isEmpty() ? bindingNamespace : subject.namespace();
        return namespace.isEmpty() ? null : Subject.SERVICE_ACCOUNT_PREFIX + namespace + ":" + subject.name();
    }

    /**
     * The rules of every ClusterRole, aggregated ones replaced as the controller replaces them: the
     * distinct rules of every other ClusterRole any selector matches, in name order, repeated until
     * nothing changes (aggregated roles may select aggregated roles).
     */
    private static Map<String, List<PolicyRule>> aggregate(Map<String, Role> clusterRoles) {
        Map<String, List<PolicyRule>> rules = new HashMap<>();
        List<Role> aggregated = new ArrayList<>();
        for (Role role : clusterRoles.values()) {
            rules.put(role.name(), role.aggregationRule().isPresent() ? List.of() : role.rules());
            role.aggregationRule().ifPresent(s -> aggregated.add(role));
        }
        if (aggregated.isEmpty()) {
            return rules;
        }
        List<Role> byName = new ArrayList<>(clusterRoles.values());
        byName.sort(Comparator.comparing(Role::name));
        aggregated.sort(Comparator.comparing(Role::name));
        for (int round = 0; round <= aggregated.size(); round++) {
            boolean changed = false;
            for (Role target : aggregated) {
                Set<PolicyRule> gathered = new LinkedHashSet<>();
                for (LabelSelector selector : target.aggregationRule().orElseThrow()) {
                    for (Role source : byName) {
                        if (source != target && selector.matches(source.labels())) {
                            gathered.addAll(rules.get(source.name()));
                        }
                    }
                }
                List<PolicyRule> now = List.copyOf(gathered);
                if (!now.equals(rules.get(target.name()))) {
                    rules.put(target.name(), now);
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        return rules;
    }
}
