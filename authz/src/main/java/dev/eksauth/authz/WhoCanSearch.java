package dev.eksauth.authz;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import dev.eksauth.authz.internal.RbacIndex;
import dev.eksauth.authz.internal.RbacIndex.Bound;
import dev.eksauth.core.CoreException;
import dev.eksauth.core.Principal;

/**
 * One {@link Authorizer#whoCan} search: every ClusterRoleBinding (and the RoleBindings of the
 * request's namespace) whose role allows the request, each role's rules tried once however many
 * bindings share it; then the IAM principals behind the subjects. Not thread-safe; one per call.
 */
final class WhoCanSearch {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{[A-Za-z0-9]+\\}\\}");

    private final RbacIndex index;
    private final AccessEntries accessEntries;
    private final AccessPolicies accessPolicies;
    private final List<Candidate> candidates;
    private final Map<List<PolicyRule>, Optional<PolicyRule>> allowing = new IdentityHashMap<>();

    WhoCanSearch(RbacIndex index, AccessEntries accessEntries, AccessPolicies accessPolicies, List<Candidate> candidates) {
        this.index = index;
        this.accessEntries = accessEntries;
        this.accessPolicies = accessPolicies;
        this.candidates = candidates;
    }

    /**
     * A principal mapping with its username and group templates made matchers: whether some
     * rendering of a template (each placeholder any non-empty text) equals a name.
     */
    record Candidate(PrincipalMapping mapping, Predicate<String> username, List<Predicate<String>> groups) {
        static Candidate of(PrincipalMapping mapping) {
            return new Candidate(mapping, matcher(mapping.username()), mapping.groups().stream().map(Candidate::matcher).toList());
        }

        private static Predicate<String> matcher(String template) {
            if (template.indexOf("{{") < 0) {
                return template::equals;
            }
            StringBuilder regex = new StringBuilder();
            int at = 0;
            java.util.regex.Matcher m = PLACEHOLDER.matcher(template);
            while (m.find()) {
                regex.append(Pattern.quote(template.substring(at, m.start()))).append("[^{}]+");
                at = m.end();
            }
            regex.append(Pattern.quote(template.substring(at)));
            Pattern pattern = Pattern.compile(regex.toString());
            return name -> pattern.matcher(name).matches();
        }
    }

    /**
     * The mappings that name principals, built once per authorizer: every access entry's, then the
     * given ones of principals without an access entry (an access entry alone maps its principal).
     */
    static List<Candidate> candidates(AccessEntries accessEntries, List<PrincipalMapping> given) {
        List<Candidate> out = new ArrayList<>();
        accessEntries.principalMappings().forEach(m -> out.add(Candidate.of(m)));
        for (PrincipalMapping mapping : given) {
            if (!hasAccessEntry(accessEntries, mapping.principal())) {
                out.add(Candidate.of(mapping));
            }
        }
        return List.copyOf(out);
    }

    WhoCan search(AccessRequest request) {
        List<WhoCan.SubjectGrant> subjects = new ArrayList<>();
        subjects.add(new WhoCan.SubjectGrant(Subject.group(Authorizer.MASTERS), Authorizer.MASTERS_GRANT));
        for (Bound bound : index.clusterRoleBindings()) {
            add(bound, request, subjects);
        }
        if (!request.namespace().isEmpty()) {
            for (Bound bound : index.roleBindings(request.namespace())) {
                add(bound, request, subjects);
            }
        }
        List<WhoCan.PrincipalGrant> principals = new ArrayList<>();
        List<AccessEntry> entries = accessEntries.entries();
        for (int i = 0; i < entries.size(); i++) {
            AccessEntry entry = entries.get(i);
            for (AccessPolicyAssociation association : entry.accessPolicies()) {
                Optional<PolicyRule> rule = association.accessScope().covers(request.namespace())
                        ? accessPolicies.find(association.policyArn()).flatMap(p -> first(p.rules(), request))
                        : Optional.empty();
                if (rule.isPresent()) {
                    principals.add(new WhoCan.PrincipalGrant(entry.principalArn().toString(), accessEntries.location(i),
                            Optional.empty(), Authorizer.policyGrant(entry, association, rule.get())));
                    break;
                }
            }
        }
        for (Candidate candidate : candidates) {
            for (WhoCan.SubjectGrant sg : subjects) {
                if (becomes(candidate, sg.subject())) {
                    PrincipalMapping mapping = candidate.mapping();
                    principals.add(new WhoCan.PrincipalGrant(mapping.principal(), mapping.source(), Optional.of(sg.subject()),
                            sg.grant()));
                    break;
                }
            }
        }
        return new WhoCan(request, subjects, principals);
    }

    private void add(Bound bound, AccessRequest request, List<WhoCan.SubjectGrant> subjects) {
        if (bound.role().isEmpty()) {
            return;
        }
        Optional<PolicyRule> rule = allowing.computeIfAbsent(bound.rules(), rules -> first(rules, request));
        if (rule.isPresent()) {
            Grant grant = Authorizer.grant(bound, rule.get());
            for (Subject subject : bound.binding().subjects()) {
                subjects.add(new WhoCan.SubjectGrant(RbacIndex.effective(subject, bound.binding().namespace()), grant));
            }
        }
    }

    private static Optional<PolicyRule> first(List<PolicyRule> rules, AccessRequest request) {
        for (PolicyRule rule : rules) {
            if (rule.allows(request)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    private static boolean hasAccessEntry(AccessEntries accessEntries, String principal) {
        try {
            return accessEntries.find(Principal.parse(principal)).isPresent();
        } catch (CoreException e) {
            return false;
        }
    }

    /** Whether the mapping's username or groups can render to the subject (every mapped user is authenticated). */
    private static boolean becomes(Candidate candidate, Subject subject) {
        switch (subject.kind()) {
            case USER:
                return candidate.username().test(subject.name());
            case GROUP:
                if (subject.name().equals("system:authenticated")) {
                    return true;
                }
                for (Predicate<String> group : candidate.groups()) {
                    if (group.test(subject.name())) {
                        return true;
                    }
                }
                return false;
            default:
                return false;
        }
    }
}
