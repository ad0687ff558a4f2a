package dev.eksauth.authz;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Who holds the rights that amount to control of a cluster, from an {@link Authorizer}'s RBAC
 * objects, access entries and principal mappings: cluster-admin equivalence ({@code system:masters},
 * or {@code *} verbs on {@code *} resources of {@code *} groups cluster-wide), the {@code escalate}
 * and {@code bind} verbs on roles, {@code impersonate} on users, groups and service accounts, and read
 * access to secrets. Rights are looked for cluster-wide, in every namespace that has RoleBindings,
 * and in every access policy's scope. {@code system:masters} is reported once, under
 * {@link Check#CLUSTER_ADMIN}. {@link #toJson()} is sorted, so that a CI job can diff two reports.
 * Immutable and thread-safe.
 */
public final class RbacAudit {
    private static final String RBAC = "rbac.authorization.k8s.io";

    /** The rights an audit looks for. */
    public enum Check {
        /** Everything, cluster-wide. */
        CLUSTER_ADMIN(List.of(ResourceRequest.of("*", "*", "*"))),
        /** {@code escalate} on Roles or ClusterRoles: grant permissions one does not hold. */
        ESCALATE(List.of(ResourceRequest.of("escalate", RBAC, "clusterroles"), ResourceRequest.of("escalate", RBAC, "roles"))),
        /** {@code bind} on Roles or ClusterRoles: bind roles one does not hold. */
        BIND(List.of(ResourceRequest.of("bind", RBAC, "clusterroles"), ResourceRequest.of("bind", RBAC, "roles"))),
        /** {@code impersonate} users, groups or service accounts. */
        IMPERSONATE(List.of(ResourceRequest.of("impersonate", "", "users"), ResourceRequest.of("impersonate", "", "groups"),
                ResourceRequest.of("impersonate", "", "serviceaccounts"))),
        /** {@code get}, {@code list} or {@code watch} secrets. */
        READ_SECRETS(List.of(ResourceRequest.of("get", "", "secrets"), ResourceRequest.of("list", "", "secrets"),
                ResourceRequest.of("watch", "", "secrets")));

        private final List<ResourceRequest> requests;

        Check(List<ResourceRequest> requests) {
            this.requests = requests;
        }

        /** The cluster-wide requests this right is any of. */
        public List<ResourceRequest> requests() {
            return requests;
        }
    }

    private final List<AuditFinding> findings;

    private RbacAudit(List<AuditFinding> findings) {
        this.findings = List.copyOf(findings);
    }

    /** Audits what an authorizer knows. */
    public static RbacAudit of(Authorizer authorizer) {
        Map<String, AuditFinding> found = new LinkedHashMap<>();
        for (Check check : Check.values()) {
            for (ResourceRequest request : check.requests()) {
                collect(check, "cluster", authorizer.whoCan(request), found, true);
                if (check == Check.CLUSTER_ADMIN) {
                    continue;
                }
                for (String namespace : authorizer.namespaces()) {
                    collect(check, "namespace " + namespace, authorizer.whoCan(request.inNamespace(namespace)), found, false);
                }
                scopedPolicies(check, request, authorizer.accessEntries(), authorizer.accessPolicies(), found);
            }
        }
        List<AuditFinding> sorted = new ArrayList<>(found.values());
        sorted.sort(Comparator.comparing(RbacAudit::sortKey));
        return new RbacAudit(sorted);
    }

    private static void collect(Check check, String scope, WhoCan who, Map<String, AuditFinding> found, boolean clusterWide) {
        for (WhoCan.SubjectGrant sg : who.subjects()) {
            boolean masters = sg.grant().source() == Grant.Source.PRIVILEGED_GROUP;
            if ((masters && check != Check.CLUSTER_ADMIN) || (!clusterWide && sg.grant().source() != Grant.Source.ROLE_BINDING)) {
                continue;
            }
            add(found, new AuditFinding(check, scope, Optional.of(sg.subject()), Optional.empty(), Optional.empty(), sg.grant()));
        }
        for (WhoCan.PrincipalGrant pg : who.principals()) {
            Grant.Source source = pg.grant().source();
            if ((source == Grant.Source.PRIVILEGED_GROUP && check != Check.CLUSTER_ADMIN)
                    || (!clusterWide && source != Grant.Source.ROLE_BINDING)) {
                continue;
            }
            add(found, new AuditFinding(check, scope, pg.becomes(), Optional.of(pg.principal()), Optional.of(pg.source()),
                    pg.grant()));
        }
    }

    /** Namespace-scoped access policies: a rule's match does not depend on the namespace. */
    private static void scopedPolicies(Check check, ResourceRequest request, AccessEntries entries,
            AccessPolicies policies, Map<String, AuditFinding> found) {
        List<AccessEntry> list = entries.entries();
        for (int i = 0; i < list.size(); i++) {
            AccessEntry entry = list.get(i);
            for (AccessPolicyAssociation association : entry.accessPolicies()) {
                if (association.accessScope().type() != AccessScope.Type.NAMESPACE) {
                    continue;
                }
                Optional<PolicyRule> rule = policies.find(association.policyArn())
                        .flatMap(p -> p.rules().stream().filter(r -> r.allows(request)).findFirst());
                if (rule.isPresent()) {
                    add(found, new AuditFinding(check, "namespace " + association.accessScope().namespaces(), Optional.empty(),
                            Optional.of(entry.principalArn().toString()), Optional.of(entries.location(i)),
                            Authorizer.policyGrant(entry, association, rule.get())));
                }
            }
        }
    }

    private static void add(Map<String, AuditFinding> found, AuditFinding finding) {
        found.putIfAbsent(sortKey(finding), finding);
    }

    private static String sortKey(AuditFinding f) {
        return f.check().ordinal() + "\n" + f.scope() + "\n" + f.subject().map(Subject::toString).orElse("") + "\n"
                + f.principal().orElse("") + "\n" + f.grant().via() + "\n" + f.grant().role();
    }

    /** The findings, sorted by check, scope, subject, principal and grant. */
    public List<AuditFinding> findings() {
        return findings;
    }

    /**
     * The report as JSON: {@code {"findings": [{"check", "scope", "subject": {"kind", "name",
     * "namespace"}, "principal", "source", "via", "role", "rule"}]}}, absent values as null.
     */
    public String toJson() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode list = root.putArray("findings");
        for (AuditFinding f : findings) {
            ObjectNode n = list.addObject();
            n.put("check", f.check().name().toLowerCase(Locale.ROOT));
            n.put("scope", f.scope());
            if (f.subject().isPresent()) {
                ObjectNode s = n.putObject("subject");
                s.put("kind", f.subject().get().kind().kindName());
                s.put("name", f.subject().get().name());
                s.put("namespace", f.subject().get().namespace().isEmpty() ? null : f.subject().get().namespace());
            } else {
                n.putNull("subject");
            }
            n.put("principal", f.principal().orElse(null));
            n.put("source", f.source().orElse(null));
            n.put("via", f.grant().via());
            n.put("role", f.grant().role());
            n.put("rule", f.grant().rule().map(PolicyRule::toString).orElse(null));
        }
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
