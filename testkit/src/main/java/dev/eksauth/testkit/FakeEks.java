package dev.eksauth.testkit;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import dev.eksauth.testkit.internal.Countdown;
import dev.eksauth.testkit.internal.EksActions;
import dev.eksauth.testkit.internal.LoopbackServer;
import dev.eksauth.testkit.internal.SignedCaller;

/**
 * A loopback Amazon EKS API for tests, so that the AWS SDK's real {@code EksClient} can run
 * against it: DescribeCluster, ListAccessEntries, DescribeAccessEntry, ListAssociatedAccessPolicies,
 * CreateAccessEntry and AssociateAccessPolicy, in the REST-JSON the service speaks, with its error
 * types ({@code ResourceNotFoundException} 404, {@code AccessDeniedException} 403,
 * {@code ResourceInUseException} 409, {@code ThrottlingException} 429, {@code ServerException} 5xx).
 * Every request's SigV4 signature is recomputed with the SDK's signer, as {@link FakeSts} does, for
 * the credentials registered here.
 *
 * <pre>{@code
 * try (FakeEks eks = FakeEks.create()) {
 *     StsIdentity admin = eks.register(StsIdentity.user("123456789012", "admin"));
 *     eks.addCluster("prod").accessEntry("arn:aws:iam::123456789012:role/dev", "STANDARD", null, List.of("dev"));
 *     EksClient client = EksClient.builder().endpointOverride(eks.endpoint())
 *             .credentialsProvider(admin.credentialsProvider()).region(Region.US_WEST_2).build();
 * }
 * }</pre>
 *
 * <p>Switches refuse operations ({@link #deny(String)}), throttle or fail the next requests, and
 * make list answers short ({@link #pageSize(int)}) so that pagination is exercised; counters count
 * requests by operation. In JUnit 5 tests, {@link FakeEksExtension} starts and closes it.
 * Thread-safe; {@link #close()} stops it and frees its port.
 */
public final class FakeEks implements AutoCloseable {
    private static final int MAX_BODY = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LoopbackServer server;
    private final EksActions actions;
    private final Clock clock;
    private final String region;
    private final String accountId;
    private final Map<String, StsIdentity> identities = new ConcurrentHashMap<>();
    private final Set<String> denied = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> byOperation = new ConcurrentHashMap<>();
    private final Countdown throttleNext = new Countdown();
    private final Countdown failNext = new Countdown();
    private volatile int failStatus = 500;

    private FakeEks(Clock clock, String region, String accountId) {
        this.clock = clock;
        this.region = region;
        this.accountId = accountId;
        this.actions = new EksActions(clock);
        this.server = LoopbackServer.named("fake-eks").port(0).route("/", this::handle).start();
    }

    /** A fake EKS of region {@code us-west-2}, account {@code 123456789012}, with the system clock, started. */
    public static FakeEks create() {
        return create(Clock.systemUTC(), "us-west-2", "123456789012");
    }

    /**
     * A fake EKS, started.
     *
     * @param clock decides signature age and creation times
     * @param region the region in cluster ARNs and endpoints
     * @param accountId the account in cluster ARNs
     */
    public static FakeEks create(Clock clock, String region, String accountId) {
        return new FakeEks(Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(region, "region"),
                Objects.requireNonNull(accountId, "accountId"));
    }

    /** Where to send requests, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return server.endpoint();
    }

    /** Accepts requests signed with these credentials; returns them for chaining. */
    public StsIdentity register(StsIdentity identity) {
        identities.put(identity.accessKeyId(), identity);
        return identity;
    }

    /** Adds an {@code ACTIVE} cluster of this name (replacing one of the same name), for configuring. */
    public Cluster addCluster(String name) {
        Cluster cluster = new Cluster(Objects.requireNonNull(name, "name"), region, accountId);
        actions.put(cluster);
        return cluster;
    }

    /** The cluster of this name, as the tests and the API left it. */
    public Cluster cluster(String name) {
        Cluster cluster = actions.get(name);
        if (cluster == null) {
            throw new IllegalArgumentException("no cluster named " + name);
        }
        return cluster;
    }

    /** Refuses every request for this operation (e.g. {@code DescribeCluster}) with 403 {@code AccessDeniedException}. */
    public void deny(String operation) {
        denied.add(Objects.requireNonNull(operation, "operation"));
    }

    /** Answers the next {@code n} requests with 429 {@code ThrottlingException}. */
    public void throttleNext(int n) {
        throttleNext.set(n);
    }

    /** Answers the next {@code n} requests with a server error of the given 5xx status. */
    public void failNext(int n, int status) {
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("status must be 5xx, was " + status);
        }
        failStatus = status;
        failNext.set(n);
    }

    /**
     * The most items one page of ListAccessEntries or ListAssociatedAccessPolicies holds; default 100.
     *
     * @throws IllegalArgumentException when {@code n} is not positive
     */
    public void pageSize(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("pageSize must be positive, was " + n);
        }
        actions.pageSize(n);
    }

    /** Clears counters, refusals and injected faults; clusters and credentials stay. */
    public void reset() {
        byOperation.clear();
        denied.clear();
        throttleNext.set(0);
        failNext.set(0);
        actions.pageSize(100);
    }

    /** Requests received for an operation, e.g. {@code DescribeCluster}, whatever their outcome. */
    public long requestCount(String operation) {
        AtomicLong n = byOperation.get(operation);
        return n == null ? 0 : n.get();
    }

    /** Stops the fake and frees its port. */
    @Override
    public void close() {
        server.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
        String method = exchange.getRequestMethod();
        String rawPath = exchange.getRequestURI().getRawPath();
        EksActions.Route route = EksActions.route(method, rawPath);
        EksActions.Answer answer;
        if (route == null) {
            answer = EksActions.Answer.error(404, "Unknown", "NotFoundException", "no such operation: " + method + " " + rawPath);
        } else {
            byOperation.computeIfAbsent(route.operation(), o -> new AtomicLong()).incrementAndGet();
            answer = answer(exchange, route, body);
        }
        String requestId = UUID.randomUUID().toString();
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        if (answer.errorType() != null) {
            exchange.getResponseHeaders().set("x-amzn-ErrorType", answer.errorType());
        }
        LoopbackServer.send(exchange, answer.status(), LoopbackServer.JSON, answer.body());
    }

    private EksActions.Answer answer(HttpExchange exchange, EksActions.Route route, byte[] body) {
        String op = route.operation();
        if (body.length > MAX_BODY) {
            return EksActions.Answer.error(413, op, "InvalidRequestException", "the request body is too large");
        }
        if (throttleNext.take()) {
            return EksActions.Answer.error(429, op, "ThrottlingException", "Rate exceeded");
        }
        if (failNext.take()) {
            return EksActions.Answer.error(failStatus, op, "ServerException", "injected server error");
        }
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.isEmpty() ? "" : v.get(0)));
        Map<String, String> query = EksActions.query(exchange.getRequestURI().getRawQuery());
        List<Map.Entry<String, String>> queryList = new ArrayList<>(query.entrySet());
        SignedCaller caller = SignedCaller.check(clock, identities::get, exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(), queryList, headers, body);
        if (caller.refused()) {
            String type = "InvalidClientTokenId".equals(caller.code()) ? "UnrecognizedClientException"
                    : "SignatureDoesNotMatch".equals(caller.code()) ? "InvalidSignatureException" : "MissingAuthenticationTokenException";
            return EksActions.Answer.error(caller.status(), op, type, caller.message());
        }
        if (denied.contains(op)) {
            return EksActions.Answer.error(403, op, "AccessDeniedException", "User: " + caller.identity().arn()
                    + " is not authorized to perform: eks:" + op + " on resource: arn:aws:eks:" + region + ":" + accountId
                    + ":cluster/" + route.cluster());
        }
        return actions.answer(route, query, body);
    }

    @Override
    public String toString() {
        return "FakeEks[" + endpoint() + "]";
    }

    /**
     * A cluster the fake holds, configured by the test and changed by the API (created entries and
     * associated policies). Thread-safe: its methods hold its lock.
     */
    public static final class Cluster {
        private final String name;
        private final String region;
        private final String accountId;
        private String status = "ACTIVE";
        private String authenticationMode = "API_AND_CONFIG_MAP";
        private String kubernetesVersion = "1.33";
        private String platformVersion = "eks.9";
        private URI endpoint;
        private String certificateAuthorityPem = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n";
        private String id = UUID.randomUUID().toString();
        private boolean localOutpost;
        private final Map<String, ObjectNode> entries = new LinkedHashMap<>();
        private final Map<String, Map<String, JsonNode>> policies = new HashMap<>();

        Cluster(String name, String region, String accountId) {
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
        public synchronized Cluster status(String status) {
            this.status = Objects.requireNonNull(status, "status");
            return this;
        }

        /** The authentication mode, e.g. {@code API}; default {@code API_AND_CONFIG_MAP}. */
        public synchronized Cluster authenticationMode(String mode) {
            this.authenticationMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** The API server endpoint DescribeCluster gives; default a made-up EKS endpoint. */
        public synchronized Cluster endpoint(URI endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        /** The API server's CA certificate, PEM; DescribeCluster gives it base64-encoded. */
        public synchronized Cluster certificateAuthority(String pem) {
            this.certificateAuthorityPem = Objects.requireNonNull(pem, "pem");
            return this;
        }

        /** Makes this a local cluster on AWS Outposts (DescribeCluster then has an {@code outpostConfig}). */
        public synchronized Cluster localOutpost() {
            this.localOutpost = true;
            return this;
        }

        /** The cluster's id (a UUID), which tokens for a local Outposts cluster carry. */
        public synchronized String id() {
            return id;
        }

        /** Adds an access entry; {@code username} may be null for EKS's default. */
        public synchronized Cluster accessEntry(String principalArn, String type, String username, List<String> groups) {
            addEntry(JSON, principalArn, type, username, groups, Instant.EPOCH);
            return this;
        }

        /** Associates an access policy with an entry: at cluster scope when no namespaces are given. */
        public synchronized Cluster accessPolicy(String principalArn, String policyArn, String... namespaces) {
            associate(JSON, principalArn, policyArn, namespaces.length == 0 ? "cluster" : "namespace", List.of(namespaces),
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

        /** The entries (for {@link EksActions}; callers hold the lock). */
        public Map<String, ObjectNode> entries() {
            return entries;
        }

        /** An entry's associations by policy ARN (for {@link EksActions}; callers hold the lock). */
        public Map<String, JsonNode> policies(String principalArn) {
            return policies.computeIfAbsent(principalArn, p -> new LinkedHashMap<>());
        }

        /** Adds an entry and returns it (for {@link EksActions}; callers hold the lock). */
        public ObjectNode addEntry(ObjectMapper json, String principalArn, String type, String username,
                List<String> groups, Instant at) {
            ObjectNode entry = json.createObjectNode();
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

        /** Associates a policy and returns the association (for {@link EksActions}; callers hold the lock). */
        public ObjectNode associate(ObjectMapper json, String principalArn, String policyArn, String scopeType,
                List<String> namespaces, Instant at) {
            ObjectNode association = json.createObjectNode().put("policyArn", policyArn);
            ObjectNode scope = association.putObject("accessScope").put("type", scopeType);
            scope.putArray("namespaces").addAll(namespaces.stream().map(scope::textNode).toList());
            association.put("associatedAt", at.getEpochSecond()).put("modifiedAt", at.getEpochSecond());
            policies(principalArn).put(policyArn, association);
            return association;
        }

        /** The DescribeCluster {@code cluster} object (for {@link EksActions}; callers hold the lock). */
        public ObjectNode describe(ObjectMapper json) {
            ObjectNode c = json.createObjectNode();
            c.put("name", name).put("arn", arn()).put("createdAt", 1_700_000_000L).put("version", kubernetesVersion)
                    .put("endpoint", endpoint.toString()).put("status", status).put("platformVersion", platformVersion)
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
            return "FakeEks.Cluster[" + name + ", " + status + ", entries=" + entries.size() + "]";
        }
    }
}
