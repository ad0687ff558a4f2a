package dev.eksauth.testkit;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;

import dev.eksauth.testkit.internal.Countdown;
import dev.eksauth.testkit.internal.EksActions;
import dev.eksauth.testkit.internal.EksClusterState;
import dev.eksauth.testkit.internal.LoopbackServer;
import dev.eksauth.testkit.internal.Requests;
import dev.eksauth.testkit.internal.ServerErrors;
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
    private final LoopbackServer server;
    private final EksActions actions;
    private final Clock clock;
    private final String region;
    private final String accountId;
    private final Map<String, StsIdentity> identities = new ConcurrentHashMap<>();
    private final Set<String> denied = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> byOperation = new ConcurrentHashMap<>();
    private final Countdown throttleNext = new Countdown();
    private final ServerErrors failNext = new ServerErrors();

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
        EksClusterState state = new EksClusterState(Objects.requireNonNull(name, "name"), region, accountId);
        actions.put(state);
        return new Cluster(state);
    }

    /** The cluster of this name, as the tests and the API left it. */
    public Cluster cluster(String name) {
        EksClusterState state = actions.get(name);
        if (state == null) {
            throw new IllegalArgumentException("no cluster named " + name);
        }
        return new Cluster(state);
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
        failNext.set(n, status);
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
        failNext.clear();
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
        byte[] body = Requests.body(exchange);
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
        if (body == null) {
            return EksActions.Answer.error(413, op, "InvalidRequestException", "the request body is too large");
        }
        if (throttleNext.take()) {
            return EksActions.Answer.error(429, op, "ThrottlingException", "Rate exceeded");
        }
        OptionalInt serverError = failNext.take();
        if (serverError.isPresent()) {
            return EksActions.Answer.error(serverError.getAsInt(), op, "ServerException", "injected server error");
        }
        List<Map.Entry<String, String>> query = Requests.parameters(exchange.getRequestURI().getRawQuery());
        SignedCaller caller = SignedCaller.check(clock, identities::get, exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(), query, Requests.headers(exchange), body);
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
     * associated policies). Thread-safe.
     */
    public static final class Cluster {
        private final EksClusterState state;

        Cluster(EksClusterState state) {
            this.state = state;
        }

        /** The cluster's name. */
        public String name() {
            return state.name();
        }

        /** The cluster's ARN, {@code arn:aws:eks:REGION:ACCOUNT:cluster/NAME}. */
        public String arn() {
            return state.arn();
        }

        /** The cluster's status, e.g. {@code CREATING}; default {@code ACTIVE}. */
        public Cluster status(String status) {
            state.status(status);
            return this;
        }

        /** The authentication mode, e.g. {@code API}; default {@code API_AND_CONFIG_MAP}. */
        public Cluster authenticationMode(String mode) {
            state.authenticationMode(mode);
            return this;
        }

        /** The API server endpoint DescribeCluster gives; default a made-up EKS endpoint. */
        public Cluster endpoint(URI endpoint) {
            state.endpoint(endpoint);
            return this;
        }

        /** The API server's CA certificate, PEM; DescribeCluster gives it base64-encoded. */
        public Cluster certificateAuthority(String pem) {
            state.certificateAuthority(pem);
            return this;
        }

        /** Makes this a local cluster on AWS Outposts (DescribeCluster then has an {@code outpostConfig}). */
        public Cluster localOutpost() {
            state.localOutpost();
            return this;
        }

        /** The cluster's id (a UUID), which tokens for a local Outposts cluster carry. */
        public String id() {
            return state.id();
        }

        /** Adds an access entry; {@code username} may be null for EKS's default. */
        public Cluster accessEntry(String principalArn, String type, String username, List<String> groups) {
            state.accessEntry(principalArn, type, username, groups);
            return this;
        }

        /** Associates an access policy with an entry: at cluster scope when no namespaces are given. */
        public Cluster accessPolicy(String principalArn, String policyArn, String... namespaces) {
            state.accessPolicy(principalArn, policyArn, namespaces);
            return this;
        }

        /** The principal ARNs of the access entries, in creation order. */
        public List<String> accessEntryPrincipals() {
            return state.accessEntryPrincipals();
        }

        /** The access entries, as DescribeAccessEntry answers them (JSON), in creation order. */
        public List<String> accessEntriesJson() {
            return state.accessEntriesJson();
        }

        /** The policy ARNs associated with an entry. */
        public List<String> accessPolicies(String principalArn) {
            return state.accessPolicies(principalArn);
        }

        @Override
        public String toString() {
            return "FakeEks.Cluster[" + state + "]";
        }
    }
}
