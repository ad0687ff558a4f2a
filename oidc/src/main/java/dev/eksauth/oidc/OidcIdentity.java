package dev.eksauth.oidc;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.eksauth.core.KubernetesUser;

/**
 * A verified OIDC ID token: the Kubernetes user it maps to and the claims it carried.
 *
 * <p>Immutable and thread-safe: {@code claims} is a deep, unmodifiable copy holding JSON values
 * (strings, numbers, booleans, lists, maps; times as seconds since the epoch).
 *
 * @param user the Kubernetes user: prefixed username, prefixed groups, {@code sub} as uid and the
 *     issuer in extra under {@link #ISSUER_EXTRA}
 * @param issuer the token's {@code iss}: the verifier's issuer, whose text it equals exactly
 * @param subject the token's {@code sub}, empty when it has none
 * @param expiresAt the token's {@code exp}
 * @param claims every claim of the token
 */
public record OidcIdentity(KubernetesUser user, URI issuer, String subject, Instant expiresAt,
        Map<String, Object> claims) {
    /** The {@link KubernetesUser#extra()} key that holds the issuer URL. */
    public static final String ISSUER_EXTRA = "eksauth.dev/oidc-issuer";

    /** Checks and copies the components. */
    public OidcIdentity {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(expiresAt, "expiresAt");
        claims = deepCopy(claims);
    }

    /**
     * The claims of a projected service-account token.
     *
     * @throws InvalidOidcTokenException with reason {@code SERVICE_ACCOUNT} when the token is not one
     */
    public ServiceAccountClaims serviceAccount() {
        return ServiceAccountClaims.from(this);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "claim name"), copyValue(v)));
        return Collections.unmodifiableMap(copy);
    }

    @SuppressWarnings("unchecked")
    private static Object copyValue(Object value) {
        if (value instanceof Map<?, ?> m) {
            return deepCopy((Map<String, Object>) m);
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            l.forEach(e -> copy.add(copyValue(e)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
