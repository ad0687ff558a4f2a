package dev.eksauth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class EksTokenVerifierStatsTest extends VerifierFixture {
    final String token = generator(alice).build().generate().value();

    @Test
    void countEveryOutcome() {
        EksTokenVerifier verifier = verifier().maxAttempts(2).build();
        sts.get().throttleNext(1);
        verifier.verify(token);
        verifier.verify(token);
        verifier.verify(token);
        assertThatThrownBy(() -> verifier.verify("k8s-aws-v1.%%%")).isInstanceOf(MalformedTokenException.class);
        String other = generator(alice).clusterId("staging").build().generate().value();
        assertThatThrownBy(() -> verifier.verify(other)).isInstanceOf(StsRejectedException.class);
        sts.get().failNext(2, 500);
        String later = generator(admin).build().generate().value();
        assertThatThrownBy(() -> verifier.verify(later)).isInstanceOf(StsUnavailableException.class);

        assertThat(verifier.stats()).isEqualTo(new VerifierStats(6, 2, 5, 2, 2, 1, 1));
        assertThat(verifier.stats().stsRequestCount()).isEqualTo(sts.get().requestCount());
    }

    @Test
    void aMalformedTokenCountsNeitherRequestNorHit() {
        EksTokenVerifier verifier = verifier().build();
        assertThatThrownBy(() -> verifier.verify("k8s-aws-v1.%%%")).isInstanceOf(MalformedTokenException.class);

        assertThat(verifier.stats()).isEqualTo(new VerifierStats(1, 0, 0, 0, 1, 0, 0));
    }

    @Test
    void anExpiredTokenIsInvalid() {
        EksTokenVerifier verifier = verifier().build();
        clock.advance(Duration.ofMinutes(16));

        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(ExpiredTokenException.class);
        assertThat(verifier.stats().invalidTokenCount()).isEqualTo(1);
    }

    @Test
    void theDifferenceOfTwoSnapshotsIsWhatHappenedInBetween() {
        EksTokenVerifier verifier = verifier().build();
        verifier.verify(token);
        VerifierStats before = verifier.stats();
        verifier.verify(token);
        verifier.verify(token);

        assertThat(verifier.stats().minus(before)).isEqualTo(new VerifierStats(2, 2, 0, 0, 0, 0, 1));
    }

    @Test
    void aNewVerifierHasDoneNothing() {
        assertThat(verifier().build().stats()).isEqualTo(VerifierStats.empty());
    }
}
