package dev.eksauth.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.eksauth.core.CallerIdentity;
import dev.eksauth.core.KubernetesUser;

class AuthenticationResultTest {
    static final CallerIdentity ALICE = Fixtures.assumedRole("111122223333", "Admin", "alice");

    @Nested
    class HttpAnswers {
        @Test
        void authenticatedIs200WithoutRetryAfter() {
            KubernetesUser user = new KubernetesUser("admin:alice", "uid", List.of(), Map.of());

            assertThat(new AuthenticationResult.Authenticated(user, ALICE, "mapRoles[0]").httpAnswer())
                    .isEqualTo(new HttpAnswer(200, Optional.empty()));
        }

        @ParameterizedTest
        @EnumSource(names = {"MALFORMED_TOKEN", "EXPIRED_TOKEN", "STS_REJECTED"})
        void aWrongTokenIs401(DenialReason reason) {
            assertThat(new AuthenticationResult.Denied(reason, "m", Optional.empty()).httpAnswer())
                    .isEqualTo(new HttpAnswer(401, Optional.empty()));
        }

        @ParameterizedTest
        @EnumSource(names = {"NOT_MAPPED", "RESERVED_PREFIX", "TEMPLATE_FAILURE"})
        void aVerifiedIdentityThatIsNotAllowedIs403(DenialReason reason) {
            assertThat(new AuthenticationResult.Denied(reason, "m", Optional.of(ALICE)).httpAnswer())
                    .isEqualTo(new HttpAnswer(403, Optional.empty()));
        }

        @Test
        void throttlingIs429WithRetryAfter() {
            HttpAnswer answer = new AuthenticationResult.Unavailable(UnavailableReason.STS_THROTTLED, "m",
                    Optional.empty(), Duration.ofSeconds(3)).httpAnswer();

            assertThat(answer).isEqualTo(new HttpAnswer(429, Optional.of(Duration.ofSeconds(3))));
            assertThat(answer.retryAfterHeader()).hasValue("3");
        }

        @ParameterizedTest
        @EnumSource(names = "STS_THROTTLED", mode = EnumSource.Mode.EXCLUDE)
        void anOutageIs503WithRetryAfter(UnavailableReason reason) {
            HttpAnswer answer = AuthenticationResult.Unavailable.of(reason, "m", Optional.empty()).httpAnswer();

            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.retryAfter()).contains(AuthenticationResult.Unavailable.DEFAULT_RETRY_AFTER);
            assertThat(answer.retryAfterHeader()).hasValue("1");
        }
    }

    @Nested
    class RetryAfterHeader {
        @Test
        void isInWholeSecondsRoundedUp() {
            assertThat(new HttpAnswer(503, Optional.of(Duration.ofMillis(1500))).retryAfterHeader()).hasValue("2");
            assertThat(new HttpAnswer(503, Optional.of(Duration.ofSeconds(2))).retryAfterHeader()).hasValue("2");
        }

        @Test
        void isAtLeastOneSecond() {
            assertThat(new HttpAnswer(503, Optional.of(Duration.ofNanos(1))).retryAfterHeader()).hasValue("1");
        }

        @Test
        void isAbsentWithoutARetryTime() {
            assertThat(HttpAnswer.OK.retryAfterHeader()).isEmpty();
        }
    }

    @Test
    void aRetryTimeMustBePositiveAndAStatusAnHttpStatus() {
        assertThatThrownBy(() -> new AuthenticationResult.Unavailable(UnavailableReason.STS_UNAVAILABLE, "m",
                Optional.empty(), Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retryAfter");
        assertThatThrownBy(() -> new HttpAnswer(503, Optional.of(Duration.ofSeconds(-1))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HttpAnswer(42, Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    }
}
