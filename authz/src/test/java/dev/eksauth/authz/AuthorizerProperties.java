package dev.eksauth.authz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import dev.eksauth.core.KubernetesUser;

class AuthorizerProperties {
    static final List<String> WORDS = List.of("", "*", "get", "GET", "list", "pods", "pods/status", "*/scale", "apps", "a", "b",
            "status", "scale", "x");
    static final List<String> USERS = List.of("alice", "bob", "system:serviceaccount:a:sa");
    static final List<String> GROUPS = List.of("devs", "ops", "system:authenticated");

    @Property
    void aUserBoundToStarOnStarByAClusterRoleBindingIsAllowedEveryResourceRequest(@ForAll("requests") ResourceRequest request,
            @ForAll("rbac") RbacObjects others) {
        Authorizer authorizer = Authorizer.builder().rbac(others).rbac(RbacObjects.of(
                List.of(Role.clusterRole("all", List.of(PolicyRule.resources(List.of("*"), List.of("*"), List.of("*"))))),
                List.of(Binding.clusterRoleBinding("all", "all", List.of(Subject.user("root")))))).build();

        assertThat(authorizer.authorize(KubernetesUser.of("root", List.of()), request).allowed()).isTrue();
    }

    @Property
    void addingABindingNeverRemovesAPermission(@ForAll("rbac") RbacObjects before, @ForAll("binding") Binding added,
            @ForAll("requests") ResourceRequest request, @ForAll("users") KubernetesUser user) {
        Authorizer without = Authorizer.create(before);
        Authorizer with = Authorizer.create(before.plus(RbacObjects.of(List.of(), List.of(added))));

        if (without.authorize(user, request).allowed()) {
            assertThat(with.authorize(user, request).allowed()).isTrue();
        }
    }

    @Property
    void whoCanNamesEverySubjectThatIsAllowed(@ForAll("rbac") RbacObjects rbac, @ForAll("requests") ResourceRequest request) {
        Authorizer authorizer = Authorizer.create(rbac);
        List<Subject> allowed = authorizer.whoCan(request).subjects().stream().map(WhoCan.SubjectGrant::subject).toList();

        for (String name : USERS) {
            if (authorizer.authorize(KubernetesUser.of(name, List.of()), request).allowed()) {
                assertThat(allowed).contains(name.startsWith(Subject.SERVICE_ACCOUNT_PREFIX)
                        ? Subject.serviceAccount("a", "sa") : Subject.user(name));
            }
        }
    }

    @Provide
    Arbitrary<ResourceRequest> requests() {
        Arbitrary<String> verb = Arbitraries.of("get", "list", "GET", "create", "escalate");
        Arbitrary<String> group = Arbitraries.of("", "apps", "rbac.authorization.k8s.io", "x.io");
        Arbitrary<String> resource = Arbitraries.of("pods", "secrets", "deployments", "roles", "foo");
        Arbitrary<String> sub = Arbitraries.of("", "", "status", "scale", "log");
        Arbitrary<String> name = Arbitraries.of("", "a", "web-1");
        Arbitrary<String> ns = Arbitraries.of("", "a", "b");
        return Combinators.combine(verb, group, resource, sub, name, ns).as(ResourceRequest::new);
    }

    @Provide
    Arbitrary<KubernetesUser> users() {
        return Combinators.combine(Arbitraries.of(USERS), Arbitraries.of(GROUPS).list().uniqueElements().ofMaxSize(3))
                .as(KubernetesUser::of);
    }

    @Provide
    Arbitrary<Binding> binding() {
        Arbitrary<Subject> subject = Arbitraries.oneOf(Arbitraries.of(USERS).filter(u -> !u.contains(":")).map(Subject::user),
                Arbitraries.of(GROUPS).map(Subject::group), Arbitraries.just(Subject.serviceAccount("a", "sa")),
                Arbitraries.just(new Subject(SubjectKind.SERVICE_ACCOUNT, "sa", "")));
        Arbitrary<String> role = Arbitraries.of("r0", "r1", "r2", "missing");
        return Combinators.combine(Arbitraries.of("", "a", "b"), Arbitraries.strings().alpha().ofLength(4), role,
                Arbitraries.of(RoleKind.values()), subject.list().ofMaxSize(3)).as((ns, name, r, kind, subjects) -> ns.isEmpty()
                        ? Binding.clusterRoleBinding(name, r, subjects) : Binding.roleBinding(ns, name, kind, r, subjects));
    }

    @Provide
    Arbitrary<RbacObjects> rbac() {
        Arbitrary<List<String>> words = Arbitraries.of(WORDS).list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<PolicyRule> rule = Combinators.combine(words, words, words, Arbitraries.of(List.<String>of(), List.of("a")))
                .as((verbs, groups, resources, names) -> new PolicyRule(verbs, groups, resources, names, List.of()));
        Arbitrary<List<PolicyRule>> rules = rule.list().ofMaxSize(3);
        return Combinators.combine(rules, rules, rules, binding().list().ofMaxSize(6)).as((r0, r1, r2, bindings) -> {
            List<Role> roles = new ArrayList<>(List.of(Role.clusterRole("r0", r0), Role.clusterRole("r1", r1), Role.role("a", "r2", r2),
                    Role.role("b", "r1", r1)));
            return RbacObjects.of(roles, bindings);
        });
    }
}
