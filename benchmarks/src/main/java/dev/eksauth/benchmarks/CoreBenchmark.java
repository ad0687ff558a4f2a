package dev.eksauth.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.eksauth.core.ArnPattern;
import dev.eksauth.core.CallerIdentity;
import dev.eksauth.core.PrivateDnsNameResolver;
import dev.eksauth.core.Principal;
import dev.eksauth.core.UsernameTemplate;

/** ARN canonicalisation, ARN pattern matching and username template rendering. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CoreBenchmark {
    private final String assumedRole = "arn:aws:sts::123456789012:assumed-role/team/Admin/alice@example.com";
    private final ArnPattern pattern = ArnPattern.compile("arn:aws:iam::*:role/team/*");
    private final CallerIdentity node = CallerIdentity.of(
            "arn:aws:sts::123456789012:assumed-role/NodeRole/i-0123456789abcdef0", "123456789012",
            "AROANODE:i-0123456789abcdef0", "ASIANODE", "sts.us-west-2.amazonaws.com");
    private final CallerIdentity admin = CallerIdentity.of(assumedRole, "123456789012",
            "AROAADMIN:alice@example.com", "ASIAADMIN", "sts.us-west-2.amazonaws.com");
    private final UsernameTemplate nodeTemplate = UsernameTemplate.compile("system:node:{{EC2PrivateDNSName}}");
    private final UsernameTemplate adminTemplate = UsernameTemplate.compile("admin:{{SessionName}}");
    private final PrivateDnsNameResolver resolver = id -> "ip-10-0-0-1.us-west-2.compute.internal";

    /** Parse an assumed-role ARN and canonicalise it to its role. */
    @Benchmark
    public Object canonicaliseAssumedRole() {
        return Principal.parse(assumedRole).canonicalArn();
    }

    /** Match a canonical role ARN against an ArnLike pattern. */
    @Benchmark
    public boolean matchArnPattern() {
        return pattern.matches("arn:aws:iam::123456789012:role/team/Admin");
    }

    /** Render the node username template through a resolver. */
    @Benchmark
    public String renderNodeTemplate() {
        return nodeTemplate.render(node, resolver);
    }

    /** Render an admin username template with the session name. */
    @Benchmark
    public String renderSessionTemplate() {
        return adminTemplate.render(admin);
    }
}
