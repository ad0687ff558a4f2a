package dev.eksauth.testkit.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One cluster of the fake EKS: its DescribeCluster fields, access entries and associated policies,
 * as the tests set them and the API changes them. Thread-safe: its methods hold its lock, and
 * {@link EksActions} holds it around each operation. Not public API.
 */
public final class EksClusterState {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KUBERNETES_VERSION = "1.33";
    private static final String PLATFORM_VERSION = "eks.9";

    private final String name;
    private final String region;
    private final String accountId;
    private String status = "ACTIVE";
    private String authenticationMode = "API_AND_CONFIG_MAP";
    private URI endpoint;
    private String certificateAuthorityPem = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n";
    private final String id = UUID.randomUUID().toString();
    private boolean localOutpost;
    private final Map<String, ObjectNode> entries = new LinkedHashMap<>();
    private final Map<String, Map<String, JsonNode>> policies = new HashMap<>();

    /** A new ACTIVE cluster. */
    public EksClusterState(String name, String region, String accountId) {
        this.name = name;
        this.region = region;
        this.accountId = accountId;
        this.endpoint = URI.create("https://" + id.replace("-", "").toUpperCase(Locale.ROOT) + ".gr7." + region
                + ".eks.amazonaws.com");
    }

    /** The cluster's name. */
    public String name() {
        return name;
    }

    /** The cluster's ARN, {@code arn:aws:eks:REGION:ACCOUNT:cluster/NAME}. */
    public String arn() {
        return "arn:aws:eks:" + region + ":" + accountId + ":cluster/" + name;
    }

    /** The cluster's status, e.g. {@code CREATING}; default {@code ACTIVE}. */
    public synchronized EksClusterState status(String status) {
        this.status = Objects.requireNonNull(status, "status");
        return this;
    }

    /** The authentication mode, e.g. {@code API}; default {@code API_AND_CONFIG_MAP}. */
    public synchronized EksClusterState authenticationMode(String mode) {
        this.authenticationMode = Objects.requireNonNull(mode, "mode");
        return this;
    }

    /** The API server endpoint DescribeCluster gives; default a made-up EKS endpoint. */
    public synchronized EksClusterState endpoint(URI endpoint) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        return this;
    }

    /** The API server's CA certificate, PEM; DescribeCluster gives it base64-encoded. */
    public synchronized EksClusterState certificateAuthority(String pem) {
        this.certificateAuthorityPem = Objects.requireNonNull(pem, "pem");
        return this;
    }

    /** Makes this a local cluster on AWS Outposts (DescribeCluster then has an {@code outpostConfig}). */
    public synchronized EksClusterState localOutpost() {
        this.localOutpost = true;
        return this;
    }

    /** The cluster's id (a UUID), which tokens for a local Outposts cluster carry. */
    public String id() {
        return id;
    }

    /** Adds an access entry; {@code username} may be null for EKS's default. */
    public synchronized EksClusterState accessEntry(String principalArn, String type, String username, List<String> groups) {
        addEntry(principalArn, type, username, groups, Instant.EPOCH);
        return this;
    }

    /** Associates an access policy with an entry: at cluster scope when no namespaces are given. */
    public synchronized EksClusterState accessPolicy(String principalArn, String policyArn, String... namespaces) {
        associate(principalArn, policyArn, namespaces.length == 0 ? "cluster" : "namespace", List.of(namespaces),
                Instant.EPOCH);
        return this;
    }

    /** The principal ARNs of the access entries, in creation order. */
    public synchronized List<String> accessEntryPrincipals() {
        return List.copyOf(entries.keySet());
    }

    /** The access entries, as DescribeAccessEntry answers them (JSON), in creation order. */
    public synchronized List<String> accessEntriesJson() {
        return entries.values().stream().map(JsonNode::toString).toList();
    }

    /** The policy ARNs associated with an entry. */
    public synchronized List<String> accessPolicies(String principalArn) {
        return List.copyOf(policies(principalArn).keySet());
    }

    /** The entries (for {@link EksActions}, which holds the lock). */
    public Map<String, ObjectNode> entries() {
        return entries;
    }

    /** An entry's associations by policy ARN (for {@link EksActions}, which holds the lock). */
    public Map<String, JsonNode> policies(String principalArn) {
        return policies.computeIfAbsent(principalArn, p -> new LinkedHashMap<>());
    }

    /** Adds an entry and returns it (for {@link EksActions}, which holds the lock). */
    public ObjectNode addEntry(String principalArn, String type, String username, List<String> groups, Instant at) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("clusterName", name).put("principalArn", principalArn);
        entry.putArray("kubernetesGroups").addAll(groups.stream().map(entry::textNode).toList());
        entry.put("accessEntryArn", "arn:aws:eks:" + region + ":" + accountId + ":access-entry/" + name + "/"
                + UUID.randomUUID());
        entry.put("createdAt", at.getEpochSecond()).put("modifiedAt", at.getEpochSecond());
        entry.putObject("tags");
        String shown = username;
        if (shown == null) {
            shown = defaultUsername(principalArn, type);
        }
        entry.put("username", shown).put("type", type);
        entries.put(principalArn, entry);
        return entry;
    }

    /** Associates a policy and returns the association (for {@link EksActions}, which holds the lock). */
    public ObjectNode associate(String principalArn, String policyArn, String scopeType, List<String> namespaces,
            Instant at) {
        ObjectNode association = JSON.createObjectNode().put("policyArn", policyArn);
        ObjectNode scope = association.putObject("accessScope").put("type", scopeType);
        scope.putArray("namespaces").addAll(namespaces.stream().map(scope::textNode).toList());
        association.put("associatedAt", at.getEpochSecond()).put("modifiedAt", at.getEpochSecond());
        policies(principalArn).put(policyArn, association);
        return association;
    }

    /** The DescribeCluster {@code cluster} object (for {@link EksActions}, which holds the lock). */
    public ObjectNode describe() {
        ObjectNode c = JSON.createObjectNode();
        c.put("name", name).put("arn", arn()).put("createdAt", 1_700_000_000L).put("version", KUBERNETES_VERSION)
                .put("endpoint", endpoint.toString()).put("status", status).put("platformVersion", PLATFORM_VERSION)
                .put("id", id);
        c.putObject("certificateAuthority").put("data",
                Base64.getEncoder().encodeToString(certificateAuthorityPem.getBytes(StandardCharsets.UTF_8)));
        c.putObject("identity").putObject("oidc").put("issuer", "https://oidc.eks." + region
                + ".amazonaws.com/id/" + id.replace("-", "").toUpperCase(Locale.ROOT));
        c.putObject("accessConfig").put("authenticationMode", authenticationMode);
        if (localOutpost) {
            ObjectNode outpost = c.putObject("outpostConfig");
            outpost.putArray("outpostArns").add("arn:aws:outposts:" + region + ":" + accountId + ":outpost/op-0123456789abcdef0");
            outpost.put("controlPlaneInstanceType", "m5.large");
        }
        return c;
    }

    /** The username EKS shows for an entry created without one (Amazon EKS User Guide, "Create access entries"). */
    private static String defaultUsername(String principalArn, String type) {
        switch (type) {
            case "EC2_LINUX":
            case "EC2_WINDOWS":
                return "system:node:{{EC2PrivateDNSName}}";
            case "STANDARD": {
                int at = principalArn.indexOf(":role/");
                if (at < 0) {
                    return principalArn;
                }
                String roleName = principalArn.substring(principalArn.lastIndexOf('/') + 1);
                String prefix = principalArn.substring(0, at).replace(":iam:", ":sts:");
                return prefix + ":assumed-role/" + roleName + "/{{SessionName}}";
            }
            default:
                return "system:node:{{SessionName}}";
        }
    }

    @Override
    public synchronized String toString() {
        return "EksClusterState[" + name + ", " + status + ", entries=" + entries.size() + "]";
    }
}
