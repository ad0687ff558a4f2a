package dev.eksauth.eks;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.eksauth.authz.AccessEntries;
import dev.eksauth.authz.AccessEntry;
import dev.eksauth.authz.AccessEntryType;
import dev.eksauth.authz.AccessPolicyAssociation;
import dev.eksauth.authz.AccessScope;
import dev.eksauth.core.Arn;
import dev.eksauth.core.Principal;
import dev.eksauth.core.PrincipalType;
import dev.eksauth.core.UsernameTemplate;
import dev.eksauth.eks.internal.MigrationApplier;
import dev.eksauth.eks.internal.MigrationText;
import dev.eksauth.mapping.AwsAuth;
import dev.eksauth.mapping.AwsAuthProblem;
import dev.eksauth.mapping.RoleMapping;
import dev.eksauth.mapping.UserMapping;

/**
 * The access entries and access policy associations that grant what an aws-auth ConfigMap grants,
 * and what cannot be migrated exactly, with the reason.
 *
 * <p>The rules: a node role ({@code system:nodes} with username
 * {@code system:node:{{EC2PrivateDNSName}}}) becomes an {@code EC2_LINUX} entry, or
 * {@code EC2_WINDOWS} when it is also in {@code eks:kube-proxy-windows}; a Fargate pod execution
 * role ({@code system:node:{{SessionName}}} in {@code system:node-proxier}) becomes
 * {@code FARGATE_LINUX}. Any other role or user becomes a {@code STANDARD} entry: its
 * {@code system:masters} group becomes {@code AmazonEKSClusterAdminPolicy} at cluster scope (no
 * group starting with {@code system:} may be a kubernetesGroup), its other groups kubernetesGroups,
 * and its username is kept unless it is the one EKS gives by default. Not migrated, each with a
 * reason: mapAccounts (entries name principals one by one), usernames or groups EKS would refuse
 * (authz's {@link AccessEntries} checks), {@code userid} pins, roles with a path (EKS's aws-auth
 * never matches them, an entry would), SSO permission-set matchers (an entry names one role ARN),
 * root users, a principal mapped twice, and entries the aws-auth parser already refused.
 * Immutable and thread-safe.
 */
public final class MigrationPlan {
    /** The cluster-admin access policy that {@code system:masters} becomes. */
    public static final String CLUSTER_ADMIN_POLICY = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";

    /**
     * An aws-auth entry that is not migrated.
     *
     * @param source where it is, e.g. {@code mapRoles[3]}
     * @param reason why, and what to do instead
     */
    public record Unmigrated(String source, String reason) {
        /** Checks the components. */
        public Unmigrated {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(reason, "reason");
        }
    }

    private final AccessEntries entries;
    private final List<Unmigrated> unmigrated;

    private MigrationPlan(AccessEntries entries, List<Unmigrated> unmigrated) {
        this.entries = entries;
        this.unmigrated = List.copyOf(unmigrated);
    }

    /** Plans the migration of an aws-auth ConfigMap, as {@link AwsAuth#parseConfigMap} read it. */
    public static MigrationPlan of(AwsAuth awsAuth) {
        Objects.requireNonNull(awsAuth, "awsAuth");
        List<AccessEntry> planned = new ArrayList<>();
        List<Unmigrated> left = new ArrayList<>();
        Set<String> principals = new HashSet<>();
        for (AwsAuthProblem p : awsAuth.problems()) {
            if (p.severity() == AwsAuthProblem.Severity.ERROR) {
                left.add(new Unmigrated(p.key() + (p.index() >= 0 ? "[" + p.index() + "]" : ""), "not read: " + p.message()));
            }
        }
        List<RoleMapping> roles = awsAuth.config().roles();
        List<String> roleSources = sources(awsAuth, "mapRoles", roles.size());
        for (int i = 0; i < roles.size(); i++) {
            role(roles.get(i), roleSources.get(i), principals, planned, left);
        }
        List<UserMapping> users = awsAuth.config().users();
        List<String> userSources = sources(awsAuth, "mapUsers", users.size());
        for (int i = 0; i < users.size(); i++) {
            UserMapping u = users.get(i);
            String source = userSources.get(i);
            if (u.userId().isPresent()) {
                left.add(new Unmigrated(source, "userid pin: an access entry cannot pin a user's unique id"));
            } else if (Principal.of(u.userArn()).type() != PrincipalType.USER) {
                left.add(new Unmigrated(source, u.userArn() + " is not an IAM user: an access entry takes a role or user ARN"));
            } else {
                standard(u.userArn(), u.username(), u.groups(), source, principals, planned, left);
            }
        }
        List<String> accounts = awsAuth.config().accounts();
        List<String> accountSources = sources(awsAuth, "mapAccounts", accounts.size());
        for (int i = 0; i < accounts.size(); i++) {
            left.add(new Unmigrated(accountSources.get(i), "account " + accounts.get(i) + " maps every principal of "
                    + "the account: access entries name principals one by one; create one for each principal that needs access"));
        }
        return new MigrationPlan(AccessEntries.of(planned), left);
    }

    /**
     * Where each kept entry of a key is in the document: the parser keeps the good entries in order
     * and reports each dropped one as an error at its index, so the kept ones fill the other indexes.
     */
    private static List<String> sources(AwsAuth awsAuth, String key, int kept) {
        Set<Integer> dropped = new HashSet<>();
        for (AwsAuthProblem p : awsAuth.problems()) {
            if (p.severity() == AwsAuthProblem.Severity.ERROR && p.key().equals(key)) {
                dropped.add(p.index());
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; out.size() < kept; i++) {
            if (!dropped.contains(i)) {
                out.add(key + "[" + i + "]");
            }
        }
        return out;
    }

    private static void role(RoleMapping r, String source, Set<String> principals, List<AccessEntry> planned,
            List<Unmigrated> left) {
        if (r.sso().isPresent()) {
            left.add(new Unmigrated(source, "SSO permission set " + r.sso().get().permissionSetName() + ": an access entry "
                    + "names one role ARN; create a STANDARD entry for the permission set's role "
                    + "(arn:aws:iam::" + r.sso().get().accountId() + ":role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_"
                    + r.sso().get().permissionSetName() + "_...)"));
            return;
        }
        Arn arn = r.roleArn().orElseThrow();
        if (r.userId().isPresent()) {
            left.add(new Unmigrated(source, "userid pin: an access entry cannot pin a role's unique id"));
            return;
        }
        if (!Principal.of(arn).path().isEmpty()) {
            left.add(new Unmigrated(source, "role " + arn + " has a path: EKS's aws-auth never matches it (a session's ARN "
                    + "drops the path) but an access entry would, granting access it does not have today; migrate it by hand if meant"));
            return;
        }
        String username = r.username().text();
        List<String> groups = r.groups().stream().map(UsernameTemplate::text).toList();
        Optional<AccessEntryType> node = nodeType(username, groups);
        if (node.isPresent()) {
            add(new AccessEntry(arn, node.get(), Optional.empty(), List.of(), List.of()), source, principals, planned, left);
            return;
        }
        standard(arn, r.username(), r.groups(), source, principals, planned, left);
    }

    private static Optional<AccessEntryType> nodeType(String username, List<String> groups) {
        if (!groups.contains("system:nodes")) {
            return Optional.empty();
        }
        if (username.equals("system:node:{{EC2PrivateDNSName}}")) {
            return Optional.of(groups.contains("eks:kube-proxy-windows") ? AccessEntryType.EC2_WINDOWS : AccessEntryType.EC2_LINUX);
        }
        if (username.equals("system:node:{{SessionName}}") && groups.contains("system:node-proxier")) {
            return Optional.of(AccessEntryType.FARGATE_LINUX);
        }
        return Optional.empty();
    }

    private static void standard(Arn arn, UsernameTemplate username, List<UsernameTemplate> groupTemplates, String source,
            Set<String> principals, List<AccessEntry> planned, List<Unmigrated> left) {
        List<String> groups = new ArrayList<>();
        List<AccessPolicyAssociation> policies = new ArrayList<>();
        for (UsernameTemplate g : groupTemplates) {
            String group = g.text();
            if (group.equals("system:masters")) {
                policies.add(new AccessPolicyAssociation(CLUSTER_ADMIN_POLICY, AccessScope.cluster()));
            } else if (group.startsWith("system:")) {
                left.add(new Unmigrated(source, "group " + group + " cannot be a kubernetesGroup (system: is reserved) and "
                        + "has no access policy that grants the same; the entry is planned without it"));
            } else {
                groups.add(group);
            }
        }
        AccessEntry bare = new AccessEntry(arn, AccessEntryType.STANDARD, Optional.empty(), groups, policies);
        Optional<String> name = username.text().equals(AccessEntries.username(bare)) ? Optional.empty()
                : Optional.of(username.text());
        add(new AccessEntry(arn, AccessEntryType.STANDARD, name, groups, policies), source, principals, planned, left);
    }

    private static void add(AccessEntry entry, String source, Set<String> principals, List<AccessEntry> planned,
            List<Unmigrated> left) {
        String key = Principal.of(entry.principalArn()).pathlessArn().toString().toLowerCase(Locale.ROOT);
        if (principals.contains(key)) {
            left.add(new Unmigrated(source, entry.principalArn() + " is mapped again: a principal has one access entry only"));
            return;
        }
        try {
            AccessEntries.of(List.of(entry));
        } catch (IllegalArgumentException refused) {
            left.add(new Unmigrated(source, "EKS would refuse the entry: "
                    + refused.getMessage().replaceFirst("^ERROR accessEntries\\[0\\]: ", "")));
            return;
        }
        principals.add(key);
        planned.add(entry);
    }

    /** The planned entries, with their access policies, in aws-auth order (roles, then users). */
    public AccessEntries entries() {
        return entries;
    }

    /** What is not migrated, with the reasons, in aws-auth order. */
    public List<Unmigrated> unmigrated() {
        return unmigrated;
    }

    /**
     * The plan as JSON: the offline access-entries form ({@code accessEntries}) with an
     * {@code unmigrated} array of {@code {"source", "reason"}}.
     */
    public String toJson() {
        return MigrationText.json(this);
    }

    /** The equivalent {@code aws eks create-access-entry} and {@code associate-access-policy} commands, one a line. */
    public List<String> awsCliCommands(String clusterName) {
        return MigrationText.awsCli(this, Objects.requireNonNull(clusterName, "clusterName"));
    }

    /**
     * Carries the plan out, idempotently: an entry that does not exist is created and its policies
     * associated; one that exists and matches (type, username, groups, and every planned policy
     * with its scope) is left alone; one that differs is reported, never changed.
     *
     * @return what happened to each planned entry, in plan order
     * @throws EksException when EKS refuses or fails a call (entries done before it stay done)
     */
    public List<MigrationOutcome> apply(EksClusters clusters, String clusterName) {
        Objects.requireNonNull(clusters, "clusters");
        Objects.requireNonNull(clusterName, "clusterName");
        return MigrationApplier.apply(clusters.client(), clusterName, clusters.region().orElse(null), entries.entries());
    }

    @Override
    public String toString() {
        return "MigrationPlan[entries=" + entries.entries().size() + ", unmigrated=" + unmigrated.size() + "]";
    }
}
