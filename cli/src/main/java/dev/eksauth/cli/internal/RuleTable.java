package dev.eksauth.cli.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.eksauth.authz.Grant;
import dev.eksauth.authz.PolicyRule;

/**
 * The table {@code kubectl auth can-i --list} prints: one line per resource (as {@code TYPE.GROUP}),
 * non-resource URL and resource names, with the verbs of every rule that names them merged. With
 * sources, each line also says which bindings or policies give it. Not public API.
 */
final class RuleTable {
    private RuleTable() {
    }

    static String of(List<Grant> grants, boolean withSources) {
        Map<List<String>, TreeSet<String>> verbs = new TreeMap<>(RuleTable::compare);
        Map<List<String>, TreeSet<String>> sources = new TreeMap<>(RuleTable::compare);
        for (Grant grant : grants) {
            PolicyRule rule = grant.rule().orElseThrow();
            for (List<String> row : rows(rule)) {
                verbs.computeIfAbsent(row, k -> new TreeSet<>()).addAll(rule.verbs());
                sources.computeIfAbsent(row, k -> new TreeSet<>()).add(grant.via() + " -> " + grant.role());
            }
        }
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"Resources", "Non-Resource URLs", "Resource Names", "Verbs", withSources ? "From" : ""});
        verbs.forEach((row, v) -> lines.add(new String[] {row.get(0), row.get(1), row.get(2), "[" + String.join(" ", v) + "]",
            withSources ? String.join("; ", sources.get(row)) : ""}));
        int[] width = new int[5];
        for (String[] line : lines) {
            for (int i = 0; i < 5; i++) {
                width[i] = Math.max(width[i], line[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] line : lines) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 5; i++) {
                b.append(line[i]).append(" ".repeat(width[i] - line[i].length() + 3));
            }
            out.append(b.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static List<List<String>> rows(PolicyRule rule) {
        String names = "[" + String.join(" ", rule.resourceNames()) + "]";
        List<List<String>> rows = new ArrayList<>();
        for (String url : rule.nonResourceURLs()) {
            rows.add(List.of("", "[" + url + "]", names));
        }
        for (String group : rule.apiGroups()) {
            for (String resource : rule.resources()) {
                rows.add(List.of(group.isEmpty() ? resource : resource + "." + group, "[]", names));
            }
        }
        return rows;
    }

    private static int compare(List<String> a, List<String> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
