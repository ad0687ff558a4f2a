package dev.eksauth.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.eksauth.authz.Authorizer;
import dev.eksauth.authz.Decision;
import dev.eksauth.authz.KubernetesDefaults;
import dev.eksauth.authz.RbacObjects;
import dev.eksauth.authz.ResourceRequest;
import dev.eksauth.authz.WhoCan;
import dev.eksauth.core.KubernetesUser;

/**
 * Authorization over a large cluster: 10,000 bindings (half ClusterRoleBindings, half RoleBindings
 * over 100 namespaces, each to its own role with three rules), plus the Kubernetes defaults.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AuthzBenchmark {
    static final int BINDINGS = 10_000;

    private String manifests;
    private String tenThousandObjects;
    private Authorizer authorizer;
    private KubernetesUser user;
    private ResourceRequest allowedLate;
    private ResourceRequest refused;
    private ResourceRequest allowed;

    @Setup
    public void setUp() {
        manifests = manifests(BINDINGS);
        tenThousandObjects = manifests(BINDINGS / 2);
        RbacObjects objects = RbacObjects.parse(manifests, "bench.yaml");
        if (!objects.problems().isEmpty() || objects.bindings().size() != BINDINGS) {
            throw new IllegalStateException("the benchmark manifests must read cleanly: " + objects);
        }
        authorizer = Authorizer.builder().rbac(KubernetesDefaults.rbac()).rbac(objects).build();
        List<String> groups = new ArrayList<>();
        for (int g = 0; g < 9; g++) {
            groups.add("group-" + (g * 997));
        }
        user = Authorizer.withAuthenticatedGroups(KubernetesUser.of("user-4999", groups));
        allowedLate = ResourceRequest.of("update", "apps", "res-9999").inNamespace("ns-99");
        refused = ResourceRequest.of("delete", "", "secrets").inNamespace("ns-7");
        allowed = ResourceRequest.of("list", "", "configmaps").inNamespace("ns-99");
        if (!authorizer.authorize(KubernetesUser.of("user-9999", List.of()), allowedLate).allowed()
                || authorizer.authorize(user, refused).allowed() || !authorizer.authorize(user, allowed).allowed()) {
            throw new IllegalStateException("the benchmark's decisions are not what they should be");
        }
    }

    /** Pairs of a role and its binding: binding i names user-i and group-i; even i cluster-wide, odd i in ns-(i % 100). */
    static String manifests(int pairs) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pairs; i++) {
            boolean cluster = i % 2 == 0;
            String ns = "ns-" + (i % 100);
            b.append("---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ").append(cluster ? "ClusterRole" : "Role")
                    .append("\nmetadata: {name: role-").append(i).append(cluster ? "" : ", namespace: " + ns).append("}\n")
                    .append("rules:\n- {apiGroups: [''], resources: [configmaps], verbs: [get, list]}\n")
                    .append("- {apiGroups: [apps], resources: [res-").append(i).append("], verbs: [get, update]}\n")
                    .append("- {apiGroups: [batch], resources: [jobs, jobs/status], verbs: [get], resourceNames: [job-")
                    .append(i).append("]}\n");
            b.append("---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ").append(cluster ? "ClusterRoleBinding" : "RoleBinding")
                    .append("\nmetadata: {name: binding-").append(i).append(cluster ? "" : ", namespace: " + ns).append("}\n")
                    .append("roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ").append(cluster ? "ClusterRole" : "Role")
                    .append(", name: role-").append(i).append("}\n")
                    .append("subjects: [{kind: User, name: user-").append(i).append("}, {kind: Group, name: group-").append(i)
                    .append("}]\n");
        }
        return b.toString();
    }

    /** A refused request of a user with 10 groups: every binding of the user and its groups is tried. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public Decision decideRefused() {
        return authorizer.authorize(user, refused);
    }

    /** An allowed request of the same user: its RoleBinding in ns-99 grants it, after its cluster-wide bindings. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public Decision decideAllowed() {
        return authorizer.authorize(user, allowed);
    }

    /** Who may update res-9999 in ns-99: every ClusterRoleBinding and the namespace's RoleBindings. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public WhoCan whoCan() {
        return authorizer.whoCan(allowedLate);
    }

    /** Read 10,000 objects (5,000 roles and 5,000 bindings) from one multi-document YAML text, check and index them. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Authorizer loadAndIndex() {
        return Authorizer.create(RbacObjects.parse(tenThousandObjects, "bench.yaml"));
    }
}
