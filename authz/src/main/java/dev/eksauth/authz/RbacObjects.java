package dev.eksauth.authz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import dev.eksauth.authz.internal.RbacReader;

/**
 * Roles, ClusterRoles, RoleBindings and ClusterRoleBindings read from manifests, with the problems
 * found in them.
 *
 * <p>Reads YAML and JSON, several documents per file ({@code ---}), {@code v1 List} objects (what
 * {@code kubectl get -o yaml} prints) and {@code RoleList}-style lists; other kinds are skipped. An
 * object the API server would refuse (a rule without verbs, a namespaced rule on a non-resource URL,
 * a ClusterRoleBinding to a Role, a bad subject, an apiVersion no longer served) is an
 * {@link AuthzProblem} with its file, document and item; the good objects are kept. When the same
 * object appears twice the later one applies, as {@code kubectl apply} would leave it. YAML is read
 * with SnakeYAML's safe constructor and the same alias, nesting and size limits as aws-auth.
 * Immutable and thread-safe.
 */
public final class RbacObjects {
    private static final RbacObjects EMPTY = new RbacObjects(List.of(), List.of(), List.of());

    private final List<Role> roles;
    private final List<Binding> bindings;
    private final List<AuthzProblem> problems;

    private RbacObjects(List<Role> roles, List<Binding> bindings, List<AuthzProblem> problems) {
        List<AuthzProblem> found = new ArrayList<>(problems);
        this.roles = List.copyOf(lastWins(roles, r -> r.toString(), found));
        this.bindings = List.copyOf(lastWins(bindings, b -> b.toString(), found));
        this.problems = List.copyOf(found);
    }

    /** No objects. */
    public static RbacObjects empty() {
        return EMPTY;
    }

    /** Objects built in code. */
    public static RbacObjects of(List<Role> roles, List<Binding> bindings) {
        return new RbacObjects(roles, bindings, List.of());
    }

    /**
     * Reads the manifests in a text.
     *
     * @param text YAML or JSON, one or more documents
     * @param source what to call the text in problems, e.g. its file name
     */
    public static RbacObjects parse(String text, String source) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
        List<Role> roles = new ArrayList<>();
        List<Binding> bindings = new ArrayList<>();
        List<AuthzProblem> problems = new ArrayList<>();
        new RbacReader(roles, bindings, problems).read(text, source);
        return new RbacObjects(roles, bindings, problems);
    }

    /**
     * Reads manifest files, and every {@code .yaml}, {@code .yml} and {@code .json} file under a
     * directory (in name order).
     *
     * @throws IOException when a file or directory cannot be read
     */
    public static RbacObjects read(List<Path> paths) throws IOException {
        List<Role> roles = new ArrayList<>();
        List<Binding> bindings = new ArrayList<>();
        List<AuthzProblem> problems = new ArrayList<>();
        RbacReader reader = new RbacReader(roles, bindings, problems);
        for (Path path : paths) {
            for (Path file : files(path)) {
                reader.read(Files.readString(file, StandardCharsets.UTF_8), file.toString());
            }
        }
        return new RbacObjects(roles, bindings, problems);
    }

    private static List<Path> files(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile).filter(p -> {
                String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
            }).sorted().toList();
        }
    }

    /** These objects and another set's; the other's win where both hold the same object. */
    public RbacObjects plus(RbacObjects other) {
        List<Role> r = new ArrayList<>(roles);
        r.addAll(other.roles);
        List<Binding> b = new ArrayList<>(bindings);
        b.addAll(other.bindings);
        List<AuthzProblem> p = new ArrayList<>(problems);
        p.addAll(other.problems);
        return new RbacObjects(r, b, p);
    }

    /** The Roles and ClusterRoles, in the order read. */
    public List<Role> roles() {
        return roles;
    }

    /** The RoleBindings and ClusterRoleBindings, in the order read. */
    public List<Binding> bindings() {
        return bindings;
    }

    /** What was wrong, in the order found; empty when nothing was. */
    public List<AuthzProblem> problems() {
        return problems;
    }

    private static <T> List<T> lastWins(List<T> items, java.util.function.Function<T, String> key, List<AuthzProblem> problems) {
        Map<String, T> byKey = new LinkedHashMap<>();
        for (T item : items) {
            if (byKey.put(key.apply(item), item) != null) {
                problems.add(AuthzProblem.warning(key.apply(item), "appears more than once; the last one applies"));
            }
        }
        return new ArrayList<>(byKey.values());
    }

    @Override
    public String toString() {
        return "RbacObjects[roles=" + roles.size() + ", bindings=" + bindings.size() + ", problems=" + problems.size() + "]";
    }
}
