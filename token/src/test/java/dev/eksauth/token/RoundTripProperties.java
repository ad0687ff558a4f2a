package dev.eksauth.token;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

import dev.eksauth.testkit.MutableClock;
import dev.eksauth.core.CallerIdentity;
import dev.eksauth.testkit.FakeSts;
import dev.eksauth.testkit.StsIdentity;
import software.amazon.awssdk.regions.Region;

class RoundTripProperties {
    static final MutableClock CLOCK = MutableClock.at("2026-11-23T10:00:00Z");
    static final FakeSts STS = FakeSts.builder().clock(CLOCK).build();

    @AfterContainer
    static void stop() {
        STS.close();
    }

    @Property(tries = 60)
    void whatTheGeneratorSignsTheVerifierAccepts(@ForAll("clusterIds") String clusterId, @ForAll("regions") String region,
            @ForAll("sessions") String session) {
        StsIdentity role = STS.register(StsIdentity.assumedRole("123456789012", "Node", session));
        EksToken token = EksTokenGenerator.builder().clusterId(clusterId).region(Region.of(region)).clock(CLOCK)
                .credentialsProvider(role.credentialsProvider()).build().generate();

        CallerIdentity who = EksTokenVerifier.builder().clusterId(clusterId).clock(CLOCK)
                .stsEndpointOverride(STS.endpoint()).build().verify(token.value());

        assertThat(who.arn()).hasToString(role.arn());
        assertThat(who.sessionName()).contains(session);
    }

    @Provide
    Arbitrary<String> clusterIds() {
        return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(100);
    }

    @Provide
    Arbitrary<String> regions() {
        return Arbitraries.of("us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2", "sa-east-1",
                "ca-central-1", "me-south-1", "af-south-1", "il-central-1", "mx-central-1");
    }

    @Provide
    Arbitrary<String> sessions() {
        return Arbitraries.strings().withChars("abcXYZ019+=,.@_-").ofMinLength(2).ofMaxLength(64);
    }
}
