package dev.eksauth.authz.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.eksauth.authz.AccessEntry;
import dev.eksauth.authz.AccessEntryType;
import dev.eksauth.authz.AccessPolicies;
import dev.eksauth.authz.AccessPolicyAssociation;
import dev.eksauth.authz.AccessScope;
import dev.eksauth.authz.AuthzProblem;
import dev.eksauth.authz.InvalidAccessEntriesException;
import dev.eksauth.core.Arn;
import dev.eksauth.core.CoreException;
import dev.eksauth.core.Principal;
import dev.eksauth.core.PrincipalType;
import dev.eksauth.core.UntrustedText;
import dev.eksauth.core.UsernameTemplate;

/** Reads, checks and writes the JSON form of access entries. Not public API. */
public final class AccessEntriesJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> RESERVED_USERNAME = List.of("system:", "eks:", "aws:", "amazon:", "iam:");
    private static final Set<String> ENTRY_KEYS = Set.of("principalArn", "type", "username", "kubernetesGroups",
            "accessPolicies");

    private AccessEntriesJson() {
    }

    /** Reads the document; bad entries become problems, located where the document has them. */
    public static List<Located> read(String json, List<AuthzProblem> problems) {
        Object root;
        try {
            root = MAPPER.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new InvalidAccessEntriesException("access entries are not valid JSON (line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")", null);
        }
        if (!(root instanceof Map<?, ?> map) || !(map.get("accessEntries") instanceof List<?> list)) {
            throw new InvalidAccessEntriesException("expected a JSON object with an accessEntries array", null);
        }
        List<Located> entries = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String where = location(i);
            try {
                Fields f = Fields.of(list.get(i), "").known(ENTRY_KEYS, w -> problems.add(AuthzProblem.warning(where, w)));
                entries.add(new Located(entry(f, where, problems), where));
            } catch (Refused | CoreException e) {
                problems.add(AuthzProblem.error(where, e.getMessage()));
            }
        }
        return check(entries, problems);
    }

    /** An entry and where its document has it, e.g. {@code accessEntries[2]}. */
    public record Located(AccessEntry entry, String location) {
    }

    /** Where the document's entry at {@code index} is. */
    public static String location(int index) {
        return "accessEntries[" + index + "]";
    }

    private static AccessEntry entry(Fields f, String where, List<AuthzProblem> problems) {
        Arn arn = Arn.parse(f.required("principalArn"));
        String typeText = f.string("type");
        AccessEntryType type;
        try {
            type = typeText.isEmpty() ? AccessEntryType.STANDARD : AccessEntryType.valueOf(typeText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Refused("type '" + UntrustedText.quote(typeText) + "' is not one of " + List.of(AccessEntryType.values()));
        }
        String username = f.string("username");
        List<AccessPolicyAssociation> policies = new ArrayList<>();
        List<?> raw = f.list("accessPolicies");
        for (int j = 0; j < raw.size(); j++) {
            String at = where + ".accessPolicies[" + j + "]";
            try {
                Fields p = Fields.of(raw.get(j), "");
                Fields scope = p.object("accessScope");
                String scopeType = scope.required("type");
                AccessScope.Type scopeKind = switch (scopeType) {
                    case "cluster" -> AccessScope.Type.CLUSTER;
                    case "namespace" -> AccessScope.Type.NAMESPACE;
                    default -> throw new Refused("accessScope.type must be cluster or namespace, got '"
                            + UntrustedText.quote(scopeType) + "'");
                };
                AccessScope accessScope = new AccessScope(scopeKind, scope.strings("namespaces"));
                policies.add(new AccessPolicyAssociation(p.required("policyArn"), accessScope));
            } catch (Refused | IllegalArgumentException e) {
                problems.add(AuthzProblem.error(at, e.getMessage()));
            }
        }
        return new AccessEntry(arn, type, username.isEmpty() ? Optional.empty() : Optional.of(username),
                f.strings("kubernetesGroups"), policies);
    }

    /** Checks entries as EKS does; refused ones become errors and are dropped. */
    public static List<Located> check(List<Located> entries, List<AuthzProblem> problems) {
        List<Located> good = new ArrayList<>();
        Set<String> principals = new HashSet<>();
        for (Located located : entries) {
            AccessEntry e = located.entry();
            String where = located.location();
            try {
                if (!principals.add(principalKey(checkEntry(e, where, problems)))) {
                    throw new Refused("principal " + e.principalArn() + " already has an access entry; a principal has one only");
                }
                good.add(located);
            } catch (Refused | CoreException ex) {
                problems.add(AuthzProblem.error(where, ex.getMessage()));
            }
        }
        return good;
    }

    /**
     * The key an entry is found by and that a principal has one entry under: the path-less role ARN
     * (EKS knows a role by its id, not its ARN) or the user ARN, lower case; null for other principals.
     */
    public static String principalKey(Principal principal) {
        PrincipalType type = principal.type();
        if (type != PrincipalType.ROLE && type != PrincipalType.ASSUMED_ROLE && type != PrincipalType.USER) {
            return null;
        }
        return principal.pathlessArn().toString().toLowerCase(Locale.ROOT);
    }

    /** Checks one entry; returns its principal, a role or a user. */
    private static Principal checkEntry(AccessEntry e, String where, List<AuthzProblem> problems) {
        Principal p = Principal.of(e.principalArn());
        if (p.type() != PrincipalType.ROLE && p.type() != PrincipalType.USER) {
            throw new Refused("principalArn " + UntrustedText.quote(e.principalArn().toString()) + " is a " + p.type()
                    + "; an access entry takes an IAM role or user ARN (never an STS session)");
        }
        if (e.type().isNode()) {
            if (p.type() != PrincipalType.ROLE) {
                throw new Refused("a " + e.type() + " entry takes an IAM role only");
            }
            if (e.username().isPresent() || !e.kubernetesGroups().isEmpty() || !e.accessPolicies().isEmpty()) {
                throw new Refused("a " + e.type() + " entry takes no username, kubernetesGroups or accessPolicies: EKS sets them");
            }
            return p;
        }
        if (e.username().isPresent()) {
            String u = e.username().get();
            for (String reserved : RESERVED_USERNAME) {
                if (u.startsWith(reserved)) {
                    throw new Refused("username must not start with " + reserved);
                }
            }
            UsernameTemplate.compile(u);
            int session = Math.max(u.indexOf("{{SessionName}}"), u.indexOf("{{SessionNameRaw}}"));
            if (session >= 0 && u.lastIndexOf(':', session) < 0) {
                throw new Refused("username needs a ':' before {{SessionName}}");
            }
        }
        for (String g : e.kubernetesGroups()) {
            if (g.startsWith("system:")) {
                throw new Refused("kubernetesGroups must not start with system:, got '" + UntrustedText.quote(g) + "'");
            }
        }
        Set<String> seen = new HashSet<>();
        for (AccessPolicyAssociation a : e.accessPolicies()) {
            if (AccessPolicies.nameOf(a.policyArn()).isEmpty()) {
                throw new Refused("policyArn '" + UntrustedText.quote(a.policyArn())
                        + "' is not arn:PARTITION:eks::aws:cluster-access-policy/NAME");
            }
            if (!seen.add(a.policyArn())) {
                throw new Refused("policy " + a.policyArn() + " is associated twice; associate each policy once");
            }
            if (AccessPolicies.eks().find(a.policyArn()).isEmpty()) {
                problems.add(AuthzProblem.warning(where, "policy " + a.policyArn() + " is not among the bundled access "
                        + "policies; it grants nothing here"));
            }
        }
        return p;
    }

    /** The JSON form. */
    public static String write(List<AccessEntry> entries) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode list = root.putArray("accessEntries");
        for (AccessEntry e : entries) {
            ObjectNode n = list.addObject();
            n.put("principalArn", e.principalArn().toString());
            n.put("type", e.type().name());
            e.username().ifPresent(u -> n.put("username", u));
            if (!e.kubernetesGroups().isEmpty()) {
                ArrayNode groups = n.putArray("kubernetesGroups");
                e.kubernetesGroups().forEach(groups::add);
            }
            if (!e.accessPolicies().isEmpty()) {
                ArrayNode policies = n.putArray("accessPolicies");
                for (AccessPolicyAssociation a : e.accessPolicies()) {
                    ObjectNode p = policies.addObject();
                    p.put("policyArn", a.policyArn());
                    ObjectNode scope = p.putObject("accessScope");
                    scope.put("type", a.accessScope().type().name().toLowerCase(Locale.ROOT));
                    if (!a.accessScope().namespaces().isEmpty()) {
                        ArrayNode ns = scope.putArray("namespaces");
                        a.accessScope().namespaces().forEach(ns::add);
                    }
                }
            }
        }
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
