package dev.eksauth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.regions.Region;
import dev.eksauth.testkit.MutableClock;

class CachingTokenSupplierTest {
    final MutableClock clock = MutableClock.at("2026-11-23T10:00:00Z");
    final EksTokenGenerator generator = EksTokenGenerator.builder().clusterId("prod")
            .credentialsProvider(EksTokenGeneratorTest.KEYS).region(Region.US_WEST_2).clock(clock).build();
    final AtomicInteger generated = new AtomicInteger();
    final CachingTokenSupplier supplier = CachingTokenSupplier.builder().tokenSource(() -> {
        generated.incrementAndGet();
        return generator.generate();
    }).clock(clock).build();

    @Test
    void handsOutTheSameTokenUntilTheRefreshMargin() {
        EksToken first = supplier.get();
        clock.advance(Duration.ofMinutes(12).plusSeconds(59));

        assertThat(supplier.get()).isSameAs(first);
        assertThat(generated).hasValue(1);
    }

    @Test
    void generatesANewTokenOnceTheMarginIsReached() {
        EksToken first = supplier.get();
        clock.advance(Duration.ofMinutes(13));

        EksToken second = supplier.get();

        assertThat(second.value()).isNotEqualTo(first.value());
        assertThat(second.expiration()).isEqualTo(first.expiration().plus(Duration.ofMinutes(13)));
        assertThat(generated).hasValue(2);
    }

    @Test
    void concurrentCallersCauseOneGeneration() throws Exception {
        supplier.get();
        clock.advance(Duration.ofMinutes(20));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<EksToken>> results = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return supplier.get();
            }));
        }
        start.countDown();
        EksToken expected = results.get(0).get();
        for (Future<EksToken> f : results) {
            assertThat(f.get()).isSameAs(expected);
        }
        pool.shutdown();

        assertThat(generated).hasValue(2);
        assertThat(expected.isExpiredAt(clock.instant())).isFalse();
    }

    @Test
    void aLargerMarginReplacesTheTokenSooner() {
        CachingTokenSupplier early = CachingTokenSupplier.builder().tokenSource(generator::generate)
                .refreshMargin(Duration.ofMinutes(5)).clock(clock).build();
        EksToken first = early.get();
        clock.advance(Duration.ofMinutes(8).plusSeconds(59));
        assertThat(early.get()).isSameAs(first);

        clock.advance(Duration.ofSeconds(1));

        assertThat(early.get()).isNotSameAs(first);
    }

    @Test
    void refusesAMarginOutsideZeroToTenMinutesWhereItIsWritten() {
        assertThatThrownBy(() -> CachingTokenSupplier.builder().refreshMargin(Duration.ofMinutes(10).plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("refreshMargin");
        assertThatThrownBy(() -> CachingTokenSupplier.builder().refreshMargin(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("refreshMargin");
        assertThat(CachingTokenSupplier.builder().refreshMargin(Duration.ZERO)
                .refreshMargin(CachingTokenSupplier.MAX_REFRESH_MARGIN)).isNotNull();
    }

    @Test
    void needsATokenSource() {
        assertThatThrownBy(() -> CachingTokenSupplier.builder().clock(clock).build())
                .isInstanceOf(IllegalStateException.class).hasMessage("tokenSource is required");
    }

    @Test
    void aSupplierOfAGeneratorReadsTheSystemClock() {
        EksToken token = CachingTokenSupplier.create(EksTokenGenerator.builder().clusterId("prod")
                .credentialsProvider(EksTokenGeneratorTest.KEYS).region(Region.US_WEST_2).build()).get();

        assertThat(token.isExpiredAt(java.time.Instant.now())).isFalse();
    }

    @Test
    void toStringRedactsTheToken() {
        EksToken token = supplier.get();

        assertThat(supplier.toString()).doesNotContain(token.value().substring(11));
    }
}
