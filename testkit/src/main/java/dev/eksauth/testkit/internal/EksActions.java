package dev.eksauth.testkit.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;


/**
 * The EKS operations the fake answers, in the REST-JSON the service speaks, over the clusters the
 * fake holds. Thread-safe: each cluster is guarded by its own lock. Not public API.
 */
public final class EksActions {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> NODE_TYPES = Set.of("EC2", "EC2_LINUX", "EC2_WINDOWS", "FARGATE_LINUX",
            "HYBRID_LINUX", "HYPERPOD_LINUX");

    private final Map<String, EksClusterState> clusters = new ConcurrentHashMap<>();
    private final Clock clock;
    private volatile int pageSize = 100;

    /** An answer: a status, the operation it was for, and a JSON body. */
    public record Answer(int status, String operation, String errorType, String body) {
        static Answer ok(String operation, JsonNode body) {
            return new Answer(200, operation, null, body.toString());
        }

        /** An error as EKS answers it: {@code x-amzn-ErrorType} and a message. */
        public static Answer error(int status, String operation, String type, String message) {
            ObjectNode body = JSON.createObjectNode().put("message", message);
            return new Answer(status, operation, type, body.toString());
        }
    }

    /** The actions, with the clock that stamps created entries. */
    public EksActions(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Adds or replaces a cluster. */
    public void put(EksClusterState cluster) {
        clusters.put(cluster.name(), cluster);
    }

    /** The cluster of this name, or null. */
    public EksClusterState get(String name) {
        return clusters.get(name);
    }

    /** The most items one page of a list answer holds. */
    public void pageSize(int n) {
        pageSize = n;
    }

    /** The operation a request is for: its name and the decoded path parameters. */
    public record Route(String operation, String cluster, String principalArn) {
    }

    /** Which operation a method and raw path name, or null for none. */
    public static Route route(String method, String rawPath) {
        String[] raw = rawPath.split("/", -1);
        List<String> parts = new ArrayList<>();
        for (int i = 1; i < raw.length; i++) {
            parts.add(URLDecoder.decode(raw[i], StandardCharsets.UTF_8));
        }
        if (parts.isEmpty() || !"clusters".equals(parts.get(0)) || parts.size() < 2) {
            return null;
        }
        String name = parts.get(1);
        boolean get = "GET".equals(method);
        boolean post = "POST".equals(method);
        switch (parts.size()) {
            case 2:
                return get ? new Route("DescribeCluster", name, null) : null;
            case 3:
                if (!"access-entries".equals(parts.get(2))) {
                    return null;
                }
                return get ? new Route("ListAccessEntries", name, null) : post ? new Route("CreateAccessEntry", name, null) : null;
            case 4:
                return get && "access-entries".equals(parts.get(2)) ? new Route("DescribeAccessEntry", name, parts.get(3)) : null;
            case 5:
                if (!"access-entries".equals(parts.get(2)) || !"access-policies".equals(parts.get(4))) {
                    return null;
                }
                return get ? new Route("ListAssociatedAccessPolicies", name, parts.get(3))
                        : post ? new Route("AssociateAccessPolicy", name, parts.get(3)) : null;
            default:
                return null;
        }
    }

    /** Answers an authenticated request, with its decoded query parameters. */
    public Answer answer(Route route, List<Map.Entry<String, String>> query, byte[] body) {
        EksClusterState cluster = clusters.get(route.cluster());
        if (cluster == null) {
            return Answer.error(404, route.operation(), "ResourceNotFoundException", "No cluster found for name: " + route.cluster() + ".");
        }
        synchronized (cluster) {
            switch (route.operation()) {
                case "DescribeCluster":
                    return Answer.ok(route.operation(), JSON.createObjectNode().set("cluster", cluster.describe()));
                case "ListAccessEntries":
                    return list(route.operation(), "accessEntries", new ArrayList<>(cluster.entries().keySet()), query,
                            page -> { });
                case "DescribeAccessEntry": {
                    ObjectNode entry = cluster.entries().get(route.principalArn());
                    if (entry == null) {
                        return notFound(route);
                    }
                    return Answer.ok(route.operation(), JSON.createObjectNode().set("accessEntry", entry));
                }
                case "ListAssociatedAccessPolicies": {
                    if (!cluster.entries().containsKey(route.principalArn())) {
                        return notFound(route);
                    }
                    List<JsonNode> policies = new ArrayList<>(cluster.policies(route.principalArn()).values());
                    return list(route.operation(), "associatedAccessPolicies", policies, query,
                            page -> page.put("clusterName", cluster.name()).put("principalArn", route.principalArn()));
                }
                case "CreateAccessEntry":
                    return create(route, cluster, body);
                case "AssociateAccessPolicy":
                    return associate(route, cluster, body);
                default:
                    return Answer.error(404, route.operation(), "NotFoundException", "unknown operation");
            }
        }
    }

    /** One page of {@code items} in {@code field}, with {@code nextToken} when more follow and what {@code more} adds. */
    private Answer list(String operation, String field, List<?> items, List<Map.Entry<String, String>> query,
            Consumer<ObjectNode> more) {
        int from;
        int size = pageSize;
        try {
            from = Integer.parseInt(Requests.first(query, "nextToken").orElse("0"));
            Optional<String> maxResults = Requests.first(query, "maxResults");
            if (maxResults.isPresent()) {
                size = Math.min(size, Integer.parseInt(maxResults.get()));
            }
        } catch (NumberFormatException e) {
            return Answer.error(400, operation, "InvalidParameterException", "nextToken or maxResults is not valid.");
        }
        if (from < 0 || size < 1) {
            return Answer.error(400, operation, "InvalidParameterException", "nextToken or maxResults is not valid.");
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode array = out.putArray(field);
        int to = Math.min(items.size(), from + size);
        for (int i = from; i < to; i++) {
            Object item = items.get(i);
            if (item instanceof JsonNode node) {
                array.add(node);
            } else {
                array.add(String.valueOf(item));
            }
        }
        if (to < items.size()) {
            out.put("nextToken", Integer.toString(to));
        }
        more.accept(out);
        return Answer.ok(operation, out);
    }

    private Answer create(Route route, EksClusterState cluster, byte[] body) {
        JsonNode request = read(new String(body, StandardCharsets.UTF_8));
        String principal = request.path("principalArn").asText("");
        String type = request.path("type").asText("STANDARD");
        if (!principal.matches("arn:[a-z-]+:iam::\\d{12}:(role|user)/.+")) {
            return Answer.error(400, route.operation(), "InvalidParameterException", "The principalArn parameter format is not valid");
        }
        if (cluster.entries().containsKey(principal)) {
            return Answer.error(409, route.operation(), "ResourceInUseException", "The specified access entry resource is already in use on this cluster.");
        }
        List<String> groups = new ArrayList<>();
        request.path("kubernetesGroups").forEach(g -> groups.add(g.asText()));
        String username = request.hasNonNull("username") ? request.get("username").asText() : null;
        if (NODE_TYPES.contains(type) && (username != null || !groups.isEmpty())) {
            return Answer.error(400, route.operation(), "InvalidParameterException",
                    "username and kubernetesGroups cannot be set for an access entry of type " + type);
        }
        ObjectNode entry = cluster.addEntry(principal, type, username, groups, clock.instant());
        return Answer.ok(route.operation(), JSON.createObjectNode().set("accessEntry", entry));
    }

    private Answer associate(Route route, EksClusterState cluster, byte[] body) {
        ObjectNode entry = cluster.entries().get(route.principalArn());
        if (entry == null) {
            return notFound(route);
        }
        if (!"STANDARD".equals(entry.path("type").asText())) {
            return Answer.error(400, route.operation(), "InvalidRequestException",
                    "Access policies can only be associated with access entries of type STANDARD");
        }
        JsonNode request = read(new String(body, StandardCharsets.UTF_8));
        String policy = request.path("policyArn").asText("");
        if (!policy.startsWith("arn:aws:eks::aws:cluster-access-policy/")) {
            return Answer.error(400, route.operation(), "InvalidParameterException", "The policyArn parameter format is not valid");
        }
        List<String> namespaces = new ArrayList<>();
        request.path("accessScope").path("namespaces").forEach(n -> namespaces.add(n.asText()));
        ObjectNode association = cluster.associate(route.principalArn(), policy,
                request.path("accessScope").path("type").asText("cluster"), namespaces, clock.instant());
        ObjectNode out = JSON.createObjectNode().put("clusterName", cluster.name()).put("principalArn", route.principalArn());
        out.set("associatedAccessPolicy", association);
        return Answer.ok(route.operation(), out);
    }

    private static Answer notFound(Route route) {
        return Answer.error(404, route.operation(), "ResourceNotFoundException",
                "The specified principalArn could not be found. You can view your available access entries with 'list-access-entries'.");
    }

    private static JsonNode read(String text) {
        try {
            return text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (java.io.IOException e) {
            return JSON.createObjectNode();
        }
    }
}
