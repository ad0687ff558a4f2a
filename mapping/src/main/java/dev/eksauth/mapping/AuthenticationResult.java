package dev.eksauth.mapping;

import java.util.Objects;
import java.util.Optional;

import dev.eksauth.core.CallerIdentity;
import dev.eksauth.core.KubernetesUser;

/**
 * The outcome of authenticating a token: the Kubernetes user, or why there is none. Immutable and
 * thread-safe.
 */
public sealed interface AuthenticationResult permits AuthenticationResult.Authenticated, AuthenticationResult.Denied {

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
    }

    /**
     * The token was turned down.
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
    }
}
