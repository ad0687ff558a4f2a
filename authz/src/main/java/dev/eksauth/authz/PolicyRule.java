package dev.eksauth.authz;

import java.util.List;

/**
 * One rule of a Role, ClusterRole or EKS access policy, matched exactly as the Kubernetes RBAC
 * authorizer matches it ({@code k8s.io/component-helpers/auth/rbac/validation}):
 * <ul>
 *   <li>verbs and API groups match when the rule lists {@code *} or the request's value (verbs are
 *       case-sensitive);</li>
 *   <li>a resource matches when the rule lists {@code *}, the request's {@code resource} or
 *       {@code resource/subresource} exactly, or {@code *}{@code /subresource}: a rule for
 *       {@code pods} does not cover {@code pods/status};</li>
 *   <li>{@code resourceNames}, when not empty, must contain the request's name;</li>
 *   <li>a non-resource path matches a rule path that equals it, is {@code *}, or ends in {@code *}
 *       and prefixes it.</li>
 * </ul>
 * Resource requests are matched by the resource part of a rule, non-resource requests by its
 * {@code nonResourceURLs}. Lists are copied and unmodifiable. Immutable and thread-safe.
 *
 * @param verbs the verbs
 * @param apiGroups the API groups ({@code ""} is the core group)
 * @param resources the resources, possibly {@code resource/subresource}
 * @param resourceNames the object names the rule is limited to; empty for all
 * @param nonResourceURLs the non-resource paths
 */
public record PolicyRule(List<String> verbs, List<String> apiGroups, List<String> resources, List<String> resourceNames,
        List<String> nonResourceURLs) {

    /** Copies the lists. */
    public PolicyRule {
        verbs = List.copyOf(verbs);
        apiGroups = List.copyOf(apiGroups);
        resources = List.copyOf(resources);
        resourceNames = List.copyOf(resourceNames);
        nonResourceURLs = List.copyOf(nonResourceURLs);
    }

    /** A rule on resources. */
    public static PolicyRule resources(List<String> verbs, List<String> apiGroups, List<String> resources) {
        return new PolicyRule(verbs, apiGroups, resources, List.of(), List.of());
    }

    /** A rule on non-resource paths. */
    public static PolicyRule nonResourceUrls(List<String> verbs, List<String> paths) {
        return new PolicyRule(verbs, List.of(), List.of(), List.of(), paths);
    }

    /** Whether this rule allows the request. */
    public boolean allows(AccessRequest request) {
        if (!verbMatches(request.verb())) {
            return false;
        }
        if (request instanceof ResourceRequest r) {
            return contains(apiGroups, r.apiGroup()) && resourceMatches(r.resource(), r.subresource())
                    && (resourceNames.isEmpty() || resourceNames.contains(r.name()));
        }
        String path = ((NonResourceRequest) request).path();
        for (String url : nonResourceURLs) {
            if (url.equals("*") || url.equals(path)
                    || url.endsWith("*") && path.startsWith(url.substring(0, url.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    private boolean verbMatches(String verb) {
        return contains(verbs, verb);
    }

    private boolean resourceMatches(String resource, String subresource) {
        String combined = subresource.isEmpty() ? resource : resource + "/" + subresource;
        for (String r : resources) {
            if (r.equals("*") || r.equals(combined)) {
                return true;
            }
            if (!subresource.isEmpty() && r.length() == subresource.length() + 2 && r.startsWith("*/")
                    && r.endsWith(subresource)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(List<String> values, String value) {
        for (String v : values) {
            if (v.equals("*") || v.equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** E.g. {@code verbs=[get, list] apiGroups=[""] resources=[pods]}, listing only what is set. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("verbs=").append(verbs);
        if (!apiGroups.isEmpty()) {
            b.append(" apiGroups=").append(apiGroups.stream().map(g -> g.isEmpty() ? "\"\"" : g).toList());
        }
        if (!resources.isEmpty()) {
            b.append(" resources=").append(resources);
        }
        if (!resourceNames.isEmpty()) {
            b.append(" resourceNames=").append(resourceNames);
        }
        if (!nonResourceURLs.isEmpty()) {
            b.append(" nonResourceURLs=").append(nonResourceURLs);
        }
        return b.toString();
    }
}
