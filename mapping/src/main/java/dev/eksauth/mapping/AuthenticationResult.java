package dev.eksauth.mapping;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import dev.eksauth.core.CallerIdentity;
import dev.eksauth.core.KubernetesUser;
import dev.eksauth.core.SettingChecks;

/**
 * The outcome of authenticating a token: the Kubernetes user ({@link Authenticated}), why there is
 * none ({@link Denied}), or why it could not be decided now ({@link Unavailable}). Immutable and
 * thread-safe.
 *
 * <p>{@link #httpAnswer()} says what a webhook or gateway answers, the same for every caller:
 * <table>
 *   <caption>HTTP answers</caption>
 *   <tr><th>result</th><th>status</th><th>Retry-After</th></tr>
 *   <tr><td>{@link Authenticated}</td><td>200</td><td>no</td></tr>
 *   <tr><td>{@link Denied}: the token is malformed, expired or rejected by STS</td><td>401</td><td>no</td></tr>
 *   <tr><td>{@link Denied}: the identity is not mapped, maps to a reserved prefix or its template
 *       fails</td><td>403</td><td>no</td></tr>
 *   <tr><td>{@link Unavailable}: STS throttled</td><td>429</td><td>yes</td></tr>
 *   <tr><td>{@link Unavailable}: STS, the private DNS name lookup or a mapping source is down</td>
 *       <td>503</td><td>yes</td></tr>
 * </table>
 * A 401 or 403 is final for that token; a 429 or 503 says nothing about it, so never cache it as a
 * denial.
 */
public sealed interface AuthenticationResult
        permits AuthenticationResult.Authenticated, AuthenticationResult.Denied, AuthenticationResult.Unavailable {

    /** What an HTTP webhook or gateway answers for this result; see the table above. */
    HttpAnswer httpAnswer();

    /**
     * The token is valid and mapped.
     *
     * @param user the Kubernetes user
     * @param identity who STS says signed the token
     * @param source where the mapping came from, e.g. {@code mapRoles[3]}
     */
    record Authenticated(KubernetesUser user, CallerIdentity identity, String source) implements AuthenticationResult {
        /** Checks the components. */
        public Authenticated {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(source, "source");
        }

        /** 200. */
        @Override
        public HttpAnswer httpAnswer() {
            return HttpAnswer.OK;
        }
    }

    /**
     * The token was turned down, and will be again.
     *
     * @param reason why
     * @param message a description without secrets, fit for a TokenReview error
     * @param identity who signed the token, when STS said so before the denial
     */
    record Denied(DenialReason reason, String message, Optional<CallerIdentity> identity) implements AuthenticationResult {
        /** Checks the components. */
        public Denied {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(identity, "identity");
        }

        /** 401 for a wrong token, 403 for an identity that is not allowed: {@link DenialReason#httpStatus()}. */
        @Override
        public HttpAnswer httpAnswer() {
            return new HttpAnswer(reason.httpStatus(), Optional.empty());
        }
    }

    /**
     * The token could not be judged now because a dependency is down, slow or throttling; the same
     * token may be accepted later.
     *
     * @param reason which dependency
     * @param message a description without secrets, fit for a TokenReview error
     * @param identity who signed the token, when STS said so before the dependency failed
     * @param retryAfter when the caller should try again
     */
    record Unavailable(UnavailableReason reason, String message, Optional<CallerIdentity> identity, Duration retryAfter)
            implements AuthenticationResult {
        /** The retry time eksauth's authenticator and mapper chain give. */
        public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

        /**
         * Checks the components.
         *
         * @throws IllegalArgumentException when {@code retryAfter} is not positive
         */
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(identity, "identity");
            SettingChecks.positive(retryAfter, "retryAfter");
        }

        /** A result with {@link #DEFAULT_RETRY_AFTER}. */
        public static Unavailable of(UnavailableReason reason, String message, Optional<CallerIdentity> identity) {
            return new Unavailable(reason, message, identity, DEFAULT_RETRY_AFTER);
        }

        /** 429 when STS throttled, else 503 ({@link UnavailableReason#httpStatus()}), with {@code retryAfter}. */
        @Override
        public HttpAnswer httpAnswer() {
            return new HttpAnswer(reason.httpStatus(), Optional.of(retryAfter));
        }
    }
}
