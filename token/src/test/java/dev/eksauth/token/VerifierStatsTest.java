package dev.eksauth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VerifierStatsTest {
    final VerifierStats earlier = new VerifierStats(10, 4, 6, 1, 2, 1, 5);
    final VerifierStats later = new VerifierStats(25, 14, 9, 2, 3, 4, 3);

    @Test
    void minusSubtractsEachCounterAndKeepsTheLaterCacheLevel() {
        assertThat(later.minus(earlier)).isEqualTo(new VerifierStats(15, 10, 3, 1, 1, 3, 3));
    }

    @Test
    void minusNeverGoesBelowZero() {
        assertThat(earlier.minus(later)).isEqualTo(new VerifierStats(0, 0, 0, 0, 0, 0, 5));
    }

    @Test
    void minusTheEmptySnapshotIsTheSnapshot() {
        assertThat(later.minus(VerifierStats.empty())).isEqualTo(later);
    }

    @Test
    void refusesNegativeComponents() {
        assertThatThrownBy(() -> new VerifierStats(0, 0, -1, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VerifierStats(0, 0, 0, 0, 0, 0, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
