package dev.eksauth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class EksTokenVerifierMetricsTest extends VerifierFixture {
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    double counter(String name) {
        return registry.get(name).functionCounter().count();
    }

    @Test
    void theMetersFollowTheVerifiersStatistics() {
        EksTokenVerifier verifier = verifier().build();
        EksTokenVerifierMetrics.of(verifier).bindTo(registry);
        String token = generator(alice).build().generate().value();

        verifier.verify(token);
        verifier.verify(token);
        assertThatThrownBy(() -> verifier.verify("k8s-aws-v1.%%%")).isInstanceOf(MalformedTokenException.class);

        assertThat(counter("eksauth.token.verifications")).isEqualTo(3);
        assertThat(counter("eksauth.token.cache.hits")).isEqualTo(1);
        assertThat(counter("eksauth.token.invalid")).isEqualTo(1);
        assertThat(counter("eksauth.token.unavailable")).isZero();
        assertThat(counter("eksauth.sts.requests")).isEqualTo(1).isEqualTo(sts.get().requestCount());
        assertThat(counter("eksauth.sts.retries")).isZero();
        assertThat(registry.get("eksauth.token.cache.identities").gauge().value()).isEqualTo(1);
    }
}
