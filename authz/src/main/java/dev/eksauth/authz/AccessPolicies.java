package dev.eksauth.authz;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * EKS access policies by name, and the bundled set of them.
 *
 * <p>{@link #eks()} holds AmazonEKSClusterAdminPolicy, AmazonEKSAdminPolicy, AmazonEKSEditPolicy,
 * AmazonEKSViewPolicy, AmazonEKSAdminViewPolicy and AmazonEKSSecretReaderPolicy with the permissions
 * the Amazon EKS User Guide lists for each ("Review access policy permissions",
 * https://docs.aws.amazon.com/eks/latest/userguide/access-policy-permissions.html), one rule per row
 * of its tables; {@link #source()} says which revision. Policies the guide does not list rules for
 * (the Auto Mode and networking policies) are not included: an association with one grants nothing
 * here, and {@link AccessEntries} warns about it. Immutable and thread-safe.
 */
public final class AccessPolicies {
    private static final String PREFIX = ":eks::aws:cluster-access-policy/";
    private static final String RESOURCE = "eks-access-policies.json";
    private static volatile AccessPolicies bundled;

    private final Map<String, AccessPolicy> byName;
    private final String source;

    private AccessPolicies(List<AccessPolicy> policies, String source) {
        Map<String, AccessPolicy> map = new LinkedHashMap<>();
        policies.forEach(p -> map.put(p.name(), p));
        this.byName = java.util.Collections.unmodifiableMap(map);
        this.source = source;
    }

    /** Policies of your own, e.g. for tests or for a policy newer than the bundled set. */
    public static AccessPolicies of(List<AccessPolicy> policies) {
        return new AccessPolicies(policies, "given");
    }

    /** The bundled EKS access policies. */
    public static AccessPolicies eks() {
        AccessPolicies policies = bundled;
        if (policies == null) {
            try (InputStream in = AccessPolicies.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the bundled resource " + RESOURCE + " is missing");
                }
                JsonNode root = new ObjectMapper().readTree(in);
                List<AccessPolicy> list = new ArrayList<>();
                for (JsonNode p : root.get("policies")) {
                    List<PolicyRule> rules = new ArrayList<>();
                    for (JsonNode r : p.get("rules")) {
                        rules.add(new PolicyRule(strings(r, "verbs"), strings(r, "apiGroups"), strings(r, "resources"),
                                strings(r, "resourceNames"), strings(r, "nonResourceURLs")));
                    }
                    list.add(new AccessPolicy(p.get("name").asText(), rules));
                }
                policies = new AccessPolicies(list, root.get("source").asText());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            bundled = policies;
        }
        return policies;
    }

    private static List<String> strings(JsonNode rule, String key) {
        List<String> out = new ArrayList<>();
        JsonNode values = rule.get(key);
        if (values != null) {
            values.forEach(v -> out.add(v.asText()));
        }
        return out;
    }

    /**
     * The name of an access policy ARN, {@code arn:PARTITION:eks::aws:cluster-access-policy/NAME};
     * empty when the text is not one.
     */
    public static Optional<String> nameOf(String policyArn) {
        int at = policyArn.indexOf(PREFIX);
        if (!policyArn.startsWith("arn:") || at < 5 || policyArn.indexOf(':', 4) != at) {
            return Optional.empty();
        }
        String name = policyArn.substring(at + PREFIX.length());
        return name.isEmpty() || name.contains("/") ? Optional.empty() : Optional.of(name);
    }

    /** The policy an ARN names, in any partition; empty when it is not in this set. */
    public Optional<AccessPolicy> find(String policyArn) {
        return nameOf(policyArn).map(byName::get);
    }

    /** The policies, by name. */
    public Map<String, AccessPolicy> byName() {
        return byName;
    }

    /** Where the rules come from. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "AccessPolicies" + byName.keySet();
    }
}
