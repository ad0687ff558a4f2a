package dev.eksauth.authz;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.eksauth.authz.internal.AccessEntriesJson;
import dev.eksauth.core.Arn;
import dev.eksauth.core.CallerIdentity;
import dev.eksauth.core.KubernetesUser;
import dev.eksauth.core.Principal;
import dev.eksauth.core.PrincipalType;
import dev.eksauth.core.PrivateDnsNameResolver;
import dev.eksauth.core.PrivateDnsNameUnavailableException;
import dev.eksauth.core.TemplateRenderException;
import dev.eksauth.core.UsernameTemplate;

/**
 * A cluster's EKS access entries, in their offline JSON form, checked as EKS checks them, and the
 * rule by which an entry maps a caller to a Kubernetes user.
 *
 * <p>The JSON is
 * {@code {"accessEntries": [{"principalArn", "type", "username", "kubernetesGroups",
 * "accessPolicies": [{"policyArn", "accessScope": {"type", "namespaces"}}]}]}} (the shape of the EKS
 * API's DescribeAccessEntry and ListAssociatedAccessPolicies answers). An entry EKS would refuse is
 * an {@link AuthzProblem} with its index, and the good entries are kept: the principal must be an IAM
 * role or user ARN (never an STS session); node types take roles only and no username, groups or
 * policies; a {@code STANDARD} username must not start with {@code system:}, {@code eks:},
 * {@code aws:}, {@code amazon:} or {@code iam:}, and needs a colon before {@code {{SessionName}}};
 * no group may start with {@code system:}; a principal has one entry only.
 *
 * <p>Mapping, as EKS does it (Amazon EKS User Guide, "Create access entries"): an assumed-role
 * session is matched to its role's entry (a role entry written with a path matches too: EKS knows the
 * role by its id, not its ARN), a user to its user entry. The username is the entry's, else for a
 * {@code STANDARD} role {@code arn:PARTITION:sts::ACCOUNT:assumed-role/ROLE/{{SessionName}}} (the
 * role's path removed), for a user the user's ARN, for a node type the username EKS sets
 * ({@link AccessEntryType#nodeUsername()}). Immutable and thread-safe.
 */
public final class AccessEntries {
    private static final AccessEntries EMPTY = new AccessEntries(List.of(), List.of());

    private final List<AccessEntry> entries;
    /** Where the document has each entry, in the order of {@link #entries}. */
    private final List<String> locations;
    private final List<AuthzProblem> problems;
    private final Map<String, AccessEntry> byPrincipal = new HashMap<>();

    private AccessEntries(List<AccessEntriesJson.Located> entries, List<AuthzProblem> problems) {
        this.entries = entries.stream().map(AccessEntriesJson.Located::entry).toList();
        this.locations = entries.stream().map(AccessEntriesJson.Located::location).toList();
        this.problems = List.copyOf(problems);
        for (AccessEntry entry : this.entries) {
            byPrincipal.put(AccessEntriesJson.principalKey(Principal.of(entry.principalArn())), entry);
        }
    }

    /** No entries. */
    public static AccessEntries empty() {
        return EMPTY;
    }

    /**
     * Reads and checks the JSON form.
     *
     * @throws InvalidAccessEntriesException when the text is not JSON or not an object with an
     *     {@code accessEntries} array
     */
    public static AccessEntries fromJson(String json) {
        Objects.requireNonNull(json, "json");
        List<AuthzProblem> problems = new ArrayList<>();
        return new AccessEntries(AccessEntriesJson.read(json, problems), problems);
    }

    /**
     * Entries built in code, checked as {@link #fromJson} checks them.
     *
     * @throws IllegalArgumentException when an entry is one EKS would refuse
     */
    public static AccessEntries of(List<AccessEntry> entries) {
        List<AuthzProblem> problems = new ArrayList<>();
        List<AccessEntriesJson.Located> located = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            located.add(new AccessEntriesJson.Located(entries.get(i), AccessEntriesJson.location(i)));
        }
        List<AccessEntriesJson.Located> checked = AccessEntriesJson.check(located, problems);
        for (AuthzProblem p : problems) {
            if (p.severity() == AuthzProblem.Severity.ERROR) {
                throw new IllegalArgumentException(p.toString());
            }
        }
        return new AccessEntries(checked, problems);
    }

    /** The JSON form, as {@link #fromJson} reads it. */
    public String toJson() {
        return AccessEntriesJson.write(entries);
    }

    /** The good entries, in document order. */
    public List<AccessEntry> entries() {
        return entries;
    }

    /** Where the document has the good entry at {@code index} of {@link #entries()}, e.g. {@code accessEntries[2]}. */
    String location(int index) {
        return locations.get(index);
    }

    /** What was wrong, in document order; empty when nothing was. */
    public List<AuthzProblem> problems() {
        return problems;
    }

    /** The entry of a principal: a role's (for a role or any of its sessions) or a user's. */
    public Optional<AccessEntry> find(Principal principal) {
        Objects.requireNonNull(principal, "principal");
        String key = AccessEntriesJson.principalKey(principal);
        return key == null ? Optional.empty() : Optional.ofNullable(byPrincipal.get(key));
    }

    /**
     * The Kubernetes user an entry maps a caller to, for a username that needs no EC2 lookup.
     *
     * @return the user, or empty when no entry holds the caller's principal
     * @throws TemplateRenderException when the username cannot be rendered for this caller (e.g.
     *     {@code {{EC2PrivateDNSName}}}, which needs {@link #map(CallerIdentity, PrivateDnsNameResolver)})
     */
    public Optional<KubernetesUser> map(CallerIdentity identity) {
        return map(identity, instanceId -> {
            throw new IllegalStateException("no private DNS name resolver is configured");
        });
    }

    /**
     * The Kubernetes user an entry maps a caller to: the entry's username (or EKS's default)
     * rendered for the caller, its groups (or a node type's), uid
     * {@code aws-iam-authenticator:ACCOUNT:USERID} and extra {@code arn}, {@code canonicalArn},
     * {@code sessionName}, {@code accessKeyId}, {@code principalId}, as the aws-auth path gives them.
     *
     * @return the user, or empty when no entry holds the caller's principal
     * @throws TemplateRenderException when the username cannot be rendered for this caller
     * @throws PrivateDnsNameUnavailableException when the resolver cannot look the instance up now
     */
    public Optional<KubernetesUser> map(CallerIdentity identity, PrivateDnsNameResolver resolver) {
        Optional<AccessEntry> entry = find(identity.principal());
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        AccessEntry e = entry.get();
        String username = UsernameTemplate.compile(username(e)).render(identity, resolver);
        return Optional.of(KubernetesUser.ofIamIdentity(identity, username, groups(e)));
    }

    /** The username template an entry maps to: its own, else the one EKS sets. */
    public static String username(AccessEntry entry) {
        if (entry.username().isPresent()) {
            return entry.username().get();
        }
        if (entry.type().isNode()) {
            return entry.type().nodeUsername().orElseThrow();
        }
        Principal p = Principal.of(entry.principalArn());
        if (p.type() == PrincipalType.ROLE) {
            Arn arn = entry.principalArn();
            return "arn:" + arn.partition().id() + ":sts::" + arn.accountId() + ":assumed-role/" + p.name() + "/{{SessionName}}";
        }
        return entry.principalArn().toString();
    }

    /** The groups an entry maps to: a node type's (the ones EKS sets), else its own. */
    public static List<String> groups(AccessEntry entry) {
        return entry.type().isNode() ? entry.type().nodeGroups() : entry.kubernetesGroups();
    }

    /** Each entry as a principal mapping, for {@link Authorizer#whoCan}. */
    public List<PrincipalMapping> principalMappings() {
        List<PrincipalMapping> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            AccessEntry e = entries.get(i);
            out.add(new PrincipalMapping(e.principalArn().toString(), username(e), groups(e), locations.get(i)));
        }
        return out;
    }

    @Override
    public String toString() {
        return "AccessEntries[entries=" + entries.size() + ", problems=" + problems.size() + "]";
    }
}
