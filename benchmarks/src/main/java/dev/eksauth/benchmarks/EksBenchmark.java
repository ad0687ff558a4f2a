package dev.eksauth.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.eksauth.authz.AccessEntries;
import dev.eksauth.authz.AccessEntry;
import dev.eksauth.authz.AccessEntryType;
import dev.eksauth.core.Arn;
import dev.eksauth.core.CallerIdentity;
import dev.eksauth.eks.AccessEntryMapper;
import dev.eksauth.eks.EksClusters;
import dev.eksauth.eks.MigrationPlan;
import dev.eksauth.mapping.AwsAuth;
import dev.eksauth.mapping.Mapping;
import dev.eksauth.testkit.FakeEks;
import dev.eksauth.testkit.StsIdentity;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;

/**
 * The eks module: mapping a caller through 10,000 access entries, loading a cluster's entries from
 * the loopback {@link FakeEks} with the real SDK client at two concurrencies, and planning the
 * migration of an aws-auth of 1,000 role mappings.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Dsun.net.httpserver.nodelay=true")
public class EksBenchmark {
    private static final String ACCOUNT = "111122223333";

    private AccessEntryMapper mapper;
    private CallerIdentity caller;
    private AwsAuth awsAuth;

    /** A loopback EKS with 200 access entries, and the real SDK client. */
    @State(Scope.Benchmark)
    public static class Cluster {
        /** How many access entries are described at once when loading. */
        @Param({"1", "8"})
        public int concurrency;

        private FakeEks eks;
        private EksClusters clusters;

        @Setup
        public void setUp() {
            eks = FakeEks.create();
            StsIdentity admin = eks.register(StsIdentity.user(ACCOUNT, "admin"));
            FakeEks.Cluster cluster = eks.addCluster("bench");
            for (int i = 0; i < 200; i++) {
                String role = "arn:aws:iam::" + ACCOUNT + ":role/role-" + i;
                cluster.accessEntry(role, "STANDARD", null, List.of("group-" + i))
                        .accessPolicy(role, "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy", "team-" + i);
            }
            clusters = EksClusters.builder().concurrency(concurrency).eksClient(EksClient.builder()
                    .endpointOverride(eks.endpoint()).region(Region.US_WEST_2).credentialsProvider(admin.credentialsProvider())
                    .httpClientBuilder(UrlConnectionHttpClient.builder()).build()).build();
        }

        @TearDown
        public void tearDown() {
            clusters.close();
            eks.close();
        }
    }

    @Setup
    public void setUp() {
        List<AccessEntry> entries = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            entries.add(new AccessEntry(Arn.parse("arn:aws:iam::" + ACCOUNT + ":role/team/role-" + i), AccessEntryType.STANDARD,
                    Optional.of("user-" + i + ":{{SessionName}}"), List.of("group-" + i), List.of()));
        }
        mapper = AccessEntryMapper.create(AccessEntries.of(entries));
        caller = CallerIdentity.of("arn:aws:sts::" + ACCOUNT + ":assumed-role/role-9999/alice", ACCOUNT,
                "AROAEXAMPLE:alice", "ASIAEXAMPLE", "sts.us-west-2.amazonaws.com");


        StringBuilder roles = new StringBuilder();
        for (int i = 0; i < 1_000; i++) {
            roles.append("- rolearn: arn:aws:iam::").append(ACCOUNT).append(":role/role-").append(i).append('\n')
                    .append("  username: user-").append(i).append(":{{SessionName}}\n")
                    .append("  groups: [system:masters, team-").append(i).append("]\n");
        }
        awsAuth = AwsAuth.parseData(java.util.Map.of("mapRoles", roles.toString()));
    }

    /** One caller through 10,000 entries: a hash lookup of the role, and the username and group templates. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Optional<Mapping> mapThroughAccessEntries() {
        return mapper.map(caller);
    }

    /** 200 entries with a policy each: 1 list page of 100 twice, then 200 describes and 200 policy lists. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public AccessEntries loadAccessEntries(Cluster cluster) {
        return cluster.clusters.accessEntries("bench");
    }

    /** The plan of 1,000 role mappings, each with system:masters and a team group. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public MigrationPlan planMigration() {
        return MigrationPlan.of(awsAuth);
    }
}
