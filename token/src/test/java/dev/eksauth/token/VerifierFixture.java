package dev.eksauth.token;

import java.time.Duration;

import org.junit.jupiter.api.extension.RegisterExtension;

import dev.eksauth.testkit.FakeStsExtension;
import dev.eksauth.testkit.MutableClock;
import dev.eksauth.testkit.StsIdentity;
import software.amazon.awssdk.regions.Region;

/**
 * What the verifier's tests share: a fake STS on a clock the test moves, two identities it knows,
 * and builders for cluster {@code prod}. The verifier retries at once, so no test waits.
 */
abstract class VerifierFixture {
    final MutableClock clock = MutableClock.at("2026-11-23T10:00:00Z");
    final StsIdentity alice = StsIdentity.user("123456789012", "alice");
    final StsIdentity admin = StsIdentity.assumedRole("123456789012", "Admin", "bob@example.com");
    @RegisterExtension
    final FakeStsExtension sts = FakeStsExtension.create(fake -> fake.clock(clock).identity(alice).identity(admin));

    EksTokenGenerator.Builder generator(StsIdentity id) {
        return EksTokenGenerator.builder().clusterId("prod").credentialsProvider(id.credentialsProvider())
                .region(Region.US_WEST_2).clock(clock);
    }

    EksTokenVerifier.Builder verifier() {
        return EksTokenVerifier.builder().clusterId("prod").clock(clock).stsEndpointOverride(sts.get().endpoint())
                .requestTimeout(Duration.ofSeconds(2)).retryDeadline(Duration.ofSeconds(3))
                .retryBackoff(Duration.ZERO, Duration.ZERO);
    }
}
