package dev.eksauth.authz;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.eksauth.authz.internal.RbacIndex;
import dev.eksauth.authz.internal.RbacIndex.Bound;
import dev.eksauth.core.CoreException;
import dev.eksauth.core.KubernetesUser;
import dev.eksauth.core.Principal;

/**
 * Decides what a Kubernetes user may do in an EKS cluster, offline, as the cluster would: the API
 * server's privileged group {@code system:masters} first, then Kubernetes RBAC and EKS access
 * policies side by side (either may allow; nothing denies).
 *
 * <p>RBAC is decided exactly as the Kubernetes RBAC authorizer decides it: ClusterRoleBindings grant
 * everywhere, RoleBindings only in their own namespace (to a Role of that namespace or to a
 * ClusterRole), a binding to a role that does not exist grants nothing, and rules match as
 * {@link PolicyRule} says. A request without a namespace is cluster-scoped (or across all
 * namespaces), so only ClusterRoleBindings and cluster-scoped access policies can allow it.
 * Bindings are indexed by subject when the authorizer is built, so a decision costs lookups for the
 * user's name and groups, not a scan.
 *
 * <p>Access policies apply to a user whose extra {@code canonicalArn} (set by eksauth's mappers and
 * by {@link AccessEntries#map}) names a principal with an access entry; they apply within their
 * {@link AccessScope}. Users are taken as given: add the groups the API server adds with
 * {@link #withAuthenticatedGroups}. Build once and share: immutable and thread-safe.
 */
public final class Authorizer {
    /** The API server's privileged group: allowed everything before any authorizer is asked. */
    public static final String MASTERS = "system:masters";

    /** What allows a member of {@link #MASTERS} any request. */
    static final Grant MASTERS_GRANT = mastersGrant(Optional.empty());
    private static final Decision MASTERS_DECISION = Decision.allowedBy(MASTERS_GRANT);

    private final RbacIndex index;
    private final AccessEntries accessEntries;
    private final AccessPolicies accessPolicies;
    private final List<WhoCanSearch.Candidate> whoCanCandidates;

    private Authorizer(Builder b) {
        this.index = new RbacIndex(b.rbac);
        this.accessEntries = b.accessEntries;
        this.accessPolicies = b.accessPolicies;
        this.whoCanCandidates = WhoCanSearch.candidates(b.accessEntries, b.principalMappings);
    }

    /** An authorizer of RBAC objects alone. */
    public static Authorizer create(RbacObjects rbac) {
        return builder().rbac(rbac).build();
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A user with the groups the API server adds to every authenticated user:
     * {@code system:authenticated}, and for a service account's username
     * {@code system:serviceaccount:NS:NAME} also {@code system:serviceaccounts} and
     * {@code system:serviceaccounts:NS}.
     */
    public static KubernetesUser withAuthenticatedGroups(KubernetesUser user) {
        Set<String> groups = new LinkedHashSet<>(user.groups());
        String name = user.username();
        if (name.startsWith(Subject.SERVICE_ACCOUNT_PREFIX)) {
            int colon = name.indexOf(':', Subject.SERVICE_ACCOUNT_PREFIX.length());
            if (colon > Subject.SERVICE_ACCOUNT_PREFIX.length() && colon < name.length() - 1) {
                groups.add("system:serviceaccounts");
                groups.add("system:serviceaccounts:" + name.substring(Subject.SERVICE_ACCOUNT_PREFIX.length(), colon));
            }
        }
        groups.add("system:authenticated");
        return new KubernetesUser(name, user.uid(), List.copyOf(groups), user.extra());
    }

    /** Whether a user may make a request, and why. */
    public Decision authorize(KubernetesUser user, AccessRequest request) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(request, "request");
        if (user.groups().contains(MASTERS)) {
            return MASTERS_DECISION;
        }
        List<String> why = new ArrayList<>();
        int applying = 0;
        for (Bound bound : bindingsOf(user, request.namespace())) {
            applying++;
            if (bound.role().isEmpty()) {
                why.add(bound.binding() + " refers to " + bound.binding().roleKind().kindName() + " "
                        + bound.binding().roleName() + ", which does not exist: it grants nothing");
                continue;
            }
            for (PolicyRule rule : bound.rules()) {
                if (rule.allows(request)) {
                    Grant grant = grant(bound, rule);
                    return Decision.allowedBy(grant);
                }
            }
        }
        why.add(0, applying == 0 ? "no RoleBinding or ClusterRoleBinding" + scope(request) + " applies to user "
                + user.username() + " or its groups " + user.groups()
                : "none of the " + applying + " binding(s)" + scope(request) + " of user " + user.username()
                        + " or its groups allows " + request);
        Optional<AccessEntry> entry = entryOf(user);
        if (entry.isPresent()) {
            for (AccessPolicyAssociation association : entry.get().accessPolicies()) {
                Optional<Grant> grant = policyGrant(entry.get(), association, request);
                if (grant.isPresent()) {
                    return Decision.allowedBy(grant.get());
                }
            }
            why.add("the access policies of the access entry of " + entry.get().principalArn() + " ("
                    + entry.get().accessPolicies().size() + ") do not allow it");
        } else {
            why.add("no access entry holds this user's IAM principal, so no access policy applies");
        }
        return new Decision(Optional.empty(), why);
    }

    /**
     * The rules that apply to a user in a namespace (empty for none: cluster-wide grants only), each
     * with where it comes from: what {@code kubectl auth can-i --list} shows.
     */
    public List<Grant> rulesFor(KubernetesUser user, String namespace) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(namespace, "namespace");
        List<Grant> out = new ArrayList<>();
        if (user.groups().contains(MASTERS)) {
            out.add(mastersGrant(Optional.of(PolicyRule.resources(List.of("*"), List.of("*"), List.of("*")))));
            out.add(mastersGrant(Optional.of(PolicyRule.nonResourceUrls(List.of("*"), List.of("*")))));
        }
        for (Bound bound : bindingsOf(user, namespace)) {
            bound.rules().forEach(rule -> out.add(grant(bound, rule)));
        }
        entryOf(user).ifPresent(entry -> {
            for (AccessPolicyAssociation association : entry.accessPolicies()) {
                if (association.accessScope().covers(namespace)) {
                    accessPolicies.find(association.policyArn()).ifPresent(policy -> policy.rules()
                            .forEach(rule -> out.add(policyGrant(entry, association, rule))));
                }
            }
        });
        return out;
    }

    /**
     * Who may make a request: the RBAC subjects and {@code system:masters}, and the IAM principals
     * that become them (through the access entries and the principal mappings given to the builder;
     * a principal with an access entry is mapped by it alone) or hold an access policy that allows it.
     */
    public WhoCan whoCan(AccessRequest request) {
        Objects.requireNonNull(request, "request");
        return new WhoCanSearch(index, accessEntries, accessPolicies, whoCanCandidates).search(request);
    }

    /** The access entries this authorizer consults. */
    public AccessEntries accessEntries() {
        return accessEntries;
    }

    /** The access policies this authorizer knows by name. */
    public AccessPolicies accessPolicies() {
        return accessPolicies;
    }

    /** The namespaces that have RoleBindings, sorted. */
    public Set<String> namespaces() {
        return index.namespaces();
    }

    private List<Bound> bindingsOf(KubernetesUser user, String namespace) {
        List<Bound> out = new ArrayList<>(index.clusterWideOfUser(user.username()));
        for (String group : user.groups()) {
            out.addAll(index.clusterWideOfGroup(group));
        }
        if (!namespace.isEmpty()) {
            out.addAll(index.namespacedOfUser(namespace, user.username()));
            for (String group : user.groups()) {
                out.addAll(index.namespacedOfGroup(namespace, group));
            }
        }
        return out;
    }

    private Optional<AccessEntry> entryOf(KubernetesUser user) {
        List<String> arn = user.extra().get("canonicalArn");
        if (arn == null || arn.isEmpty()) {
            return Optional.empty();
        }
        try {
            return accessEntries.find(Principal.parse(arn.get(0)));
        } catch (CoreException e) {
            return Optional.empty();
        }
    }

    private Optional<Grant> policyGrant(AccessEntry entry, AccessPolicyAssociation association, AccessRequest request) {
        if (!association.accessScope().covers(request.namespace())) {
            return Optional.empty();
        }
        Optional<AccessPolicy> policy = accessPolicies.find(association.policyArn());
        if (policy.isPresent()) {
            for (PolicyRule rule : policy.get().rules()) {
                if (rule.allows(request)) {
                    return Optional.of(policyGrant(entry, association, rule));
                }
            }
        }
        return Optional.empty();
    }

    private static Grant mastersGrant(Optional<PolicyRule> rule) {
        return new Grant(Grant.Source.PRIVILEGED_GROUP, "group " + MASTERS, "the API server's privileged group", rule);
    }

    /** A grant of an access policy's rule. */
    static Grant policyGrant(AccessEntry entry, AccessPolicyAssociation association, PolicyRule rule) {
        return new Grant(Grant.Source.ACCESS_POLICY, "access entry " + entry.principalArn(),
                "access policy " + AccessPolicies.nameOf(association.policyArn()).orElse(association.policyArn())
                        + " (scope " + association.accessScope() + ")", Optional.of(rule));
    }

    /** A grant of a binding's rule. */
    static Grant grant(Bound bound, PolicyRule rule) {
        Binding b = bound.binding();
        return new Grant(b.kind() == BindingKind.CLUSTER_ROLE_BINDING ? Grant.Source.CLUSTER_ROLE_BINDING
                : Grant.Source.ROLE_BINDING, b.toString(), bound.role().orElseThrow().toString(), Optional.of(rule));
    }

    private static String scope(AccessRequest request) {
        return request.namespace().isEmpty() ? " (cluster-wide: no namespace given)" : " for namespace " + request.namespace();
    }

    /** Configures an {@link Authorizer}. Not thread-safe. */
    public static final class Builder {
        private RbacObjects rbac = RbacObjects.empty();
        private AccessEntries accessEntries = AccessEntries.empty();
        private AccessPolicies accessPolicies = AccessPolicies.eks();
        private final List<PrincipalMapping> principalMappings = new ArrayList<>();

        private Builder() {
        }

        /** Adds RBAC objects (later ones win where the same object is given twice). */
        public Builder rbac(RbacObjects objects) {
            this.rbac = rbac.plus(Objects.requireNonNull(objects, "objects"));
            return this;
        }

        /** The cluster's access entries: their access policies, and their mappings for {@link #whoCan}. */
        public Builder accessEntries(AccessEntries entries) {
            this.accessEntries = Objects.requireNonNull(entries, "entries");
            return this;
        }

        /** The access policies by name; default {@link AccessPolicies#eks()}. */
        public Builder accessPolicies(AccessPolicies policies) {
            this.accessPolicies = Objects.requireNonNull(policies, "policies");
            return this;
        }

        /** Adds mappings of IAM principals to users and groups (e.g. aws-auth's) for {@link #whoCan}. */
        public Builder principalMappings(List<PrincipalMapping> mappings) {
            this.principalMappings.addAll(List.copyOf(mappings));
            return this;
        }

        /** Builds the authorizer: resolves aggregation and indexes the bindings. */
        public Authorizer build() {
            return new Authorizer(this);
        }
    }
}
