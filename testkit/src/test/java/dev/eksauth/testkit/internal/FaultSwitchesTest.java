package dev.eksauth.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FaultSwitchesTest {
    @Nested
    class CountdownSwitch {
        @Test
        void appliesToExactlyTheNextNRequestsEvenWhenTheyArriveTogether() {
            Countdown countdown = new Countdown();
            countdown.set(100);
            AtomicInteger taken = new AtomicInteger();

            IntStream.range(0, 1_000).parallel().forEach(i -> {
                if (countdown.take()) {
                    taken.incrementAndGet();
                }
            });

            assertThat(taken).hasValue(100);
            assertThat(countdown.take()).isFalse();
        }

        @Test
        void aNegativeCountAppliesToNone() {
            Countdown countdown = new Countdown();
            countdown.set(-3);

            assertThat(countdown.take()).isFalse();
        }
    }

    @Nested
    class DelaySwitch {
        @Test
        void noDelayLetsTheAnswerGo() {
            assertThat(new Delay().await()).isTrue();
        }

        @Test
        void anInterruptedWaitTellsTheHandlerNotToAnswer() {
            Delay delay = new Delay();
            delay.set(Duration.ofHours(1));
            Thread.currentThread().interrupt();

            try {
                assertThat(delay.await()).isFalse();
                assertThat(Thread.currentThread().isInterrupted()).isTrue();
            } finally {
                Thread.interrupted();
            }
        }

        @Test
        void aNegativeDelayIsRefused() {
            assertThatThrownBy(() -> new Delay().set(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("delay must not be negative");
        }
    }
}
