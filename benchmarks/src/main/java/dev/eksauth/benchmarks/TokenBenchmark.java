package dev.eksauth.benchmarks;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.eksauth.core.CallerIdentity;
import dev.eksauth.testkit.FakeSts;
import dev.eksauth.testkit.StsIdentity;
import dev.eksauth.token.EksToken;
import dev.eksauth.token.EksTokenGenerator;
import dev.eksauth.token.EksTokenVerifier;
import dev.eksauth.token.StsTransport;
import software.amazon.awssdk.regions.Region;

/**
 * Token generation, verification without network (every local check, and STS's answer read from a
 * transport that has it at once), cached verification, and the miss path against a loopback
 * {@link FakeSts}. Time is frozen one minute after signing so tokens stay valid.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Dsun.net.httpserver.nodelay=true")
public class TokenBenchmark {
    private final Clock signing = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private final Clock verifying = Clock.fixed(Instant.parse("2026-11-23T10:01:00Z"), ZoneOffset.UTC);
    private FakeSts sts;
    private EksTokenGenerator generator;
    private String token;
    private EksTokenVerifier offline;
    private EksTokenVerifier cached;
    private EksTokenVerifier uncached;

    @Setup
    public void setUp() {
        sts = FakeSts.builder().clock(verifying).build();
        StsIdentity role = sts.register(StsIdentity.assumedRole("123456789012", "Admin", "alice"));
        generator = EksTokenGenerator.builder().clusterId("prod").region(Region.US_WEST_2).clock(signing)
                .credentialsProvider(role.credentialsProvider())
                .build();
        token = generator.generate().value();
        StsTransport.Response answer = new StsTransport.Response(200, "{\"GetCallerIdentityResponse\":"
                + "{\"GetCallerIdentityResult\":{\"Account\":\"" + role.accountId() + "\",\"Arn\":\"" + role.arn()
                + "\",\"UserId\":\"" + role.userId() + "\"}}}");
        offline = EksTokenVerifier.builder().clusterId("prod").clock(verifying).cacheSize(0)
                .transport(request -> CompletableFuture.completedFuture(answer)).build();
        cached = EksTokenVerifier.builder().clusterId("prod").clock(verifying).stsEndpointOverride(sts.endpoint()).build();
        cached.verify(token);
        uncached = EksTokenVerifier.builder().clusterId("prod").clock(verifying).stsEndpointOverride(sts.endpoint())
                .cacheSize(0).build();
    }

    @TearDown
    public void tearDown() {
        sts.close();
        generator.close();
    }

    /** Presign a GetCallerIdentity URL with static session credentials. */
    @Benchmark
    public EksToken generate() {
        return generator.generate();
    }

    /**
     * Every local check of a token, then STS's answer read from a transport that holds it already: a
     * verification with the cache off and no network.
     */
    @Benchmark
    public CallerIdentity verificationWithoutNetwork() {
        return offline.verify(token);
    }

    /** Verify a token whose identity is cached. */
    @Benchmark
    public CallerIdentity cachedVerification() {
        return cached.verify(token);
    }

    /** Verify a token with the cache off: local checks plus a loopback STS round trip with SigV4 check. */
    @Benchmark
    public CallerIdentity missPathAgainstFakeSts() {
        return uncached.verify(token);
    }
}
