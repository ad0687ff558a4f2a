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
import org.openjdk.jmh.annotations.Warmup;

import dev.eksauth.core.Arn;
import dev.eksauth.core.CallerIdentity;
import dev.eksauth.mapping.AwsAuth;
import dev.eksauth.mapping.AwsAuthConfig;
import dev.eksauth.mapping.AwsAuthMapper;
import dev.eksauth.mapping.Mapping;
import dev.eksauth.mapping.RoleMapping;

/**
 * Parsing a large aws-auth ConfigMap, and looking an identity up in aws-auth configurations of
 * different sizes (the lookup should not grow with the number of entries).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MappingBenchmark {
    @Param({"10", "10000"})
    int entries;

    private String manifest;
    private AwsAuthMapper mapper;
    private CallerIdentity lastEntry;

    @Setup
    public void setUp() {
        List<RoleMapping> roles = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            roles.add(RoleMapping.of(Arn.parse("arn:aws:iam::111122223333:role/team-" + i + "/Role" + i),
                    "user-" + i + ":{{SessionName}}", List.of("group-" + i, "viewers")));
        }
        AwsAuthConfig config = new AwsAuthConfig(roles, List.of(), List.of());
        manifest = AwsAuth.of(config).toConfigMapYaml();
        mapper = AwsAuthMapper.of(config);
        int last = entries - 1;
        lastEntry = CallerIdentity.of("arn:aws:sts::111122223333:assumed-role/Role" + last + "/session", "111122223333",
                "AROAEXAMPLE:session", "ASIAEXAMPLE", "sts.us-west-2.amazonaws.com");
        if (mapper.map(lastEntry).isEmpty()) {
            throw new IllegalStateException("the benchmark identity must be mapped");
        }
    }

    /** Parse the whole ConfigMap manifest (YAML inside YAML) into mappings. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public AwsAuthConfig parseConfigMap() {
        return AwsAuth.parseConfigMap(manifest).config();
    }

    /** Look up the identity mapped by the last entry (through its path-less role ARN). */
    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public Optional<Mapping> lookup() {
        return mapper.map(lastEntry);
    }

}
