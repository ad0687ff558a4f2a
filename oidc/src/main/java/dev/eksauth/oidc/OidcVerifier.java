package dev.eksauth.oidc;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.eksauth.core.SigningAlgorithm;
import dev.eksauth.core.UntrustedText;
import dev.eksauth.oidc.AuthenticationConfiguration.ClaimOrExpression;
import dev.eksauth.oidc.internal.Trust;

/**
 * Verifies OIDC ID tokens as an EKS identity provider (and kube-apiserver's OIDC authenticator)
 * does, and maps them to a Kubernetes user.
 *
 * <pre>{@code
 * OidcVerifier verifier = OidcVerifier.builder()
 *         .issuer(URI.create("https://login.example.com"))
 *         .clientId("kubernetes")
 *         .usernameClaim("email")
 *         .groupsClaim("groups").groupsPrefix("oidc:")
 *         .build();
 * OidcIdentity identity = verifier.verify(idToken);
 *
 * OidcVerifier defaults = OidcVerifier.create(URI.create("https://login.example.com"), "kubernetes");
 * }</pre>
 *
 * <p>The issuer's keys come only from its discovery document ({@code <issuer>/.well-known/openid-configuration})
 * and the {@code jwks_uri} it names; header parameters such as {@code jku}, {@code jwk}, {@code x5u}
 * and {@code x5c} are ignored. Keys are fetched on first use, cached, refreshed ahead of expiry and
 * refetched on an unknown key id at most once per rate-limit interval; when the issuer is
 * unreachable the last good keys keep working for the outage tolerance. A verified token needs no
 * network.
 *
 * <p>Checks, in order: size; compact JWS form; the algorithm is allowed; {@code iss} equals the issuer;
 * the signature; {@code aud} contains the client id; {@code exp} is present and not past (no leeway,
 * as EKS); {@code nbf} is not later than now plus the clock skew; required claims equal their
 * values; the username claim is a non-empty string; with the {@code email} claim,
 * {@code email_verified} is {@code true} when present; the groups claim is a string or an array of
 * strings; no username or group starts with {@code system:} unless {@link Builder#systemNames}
 * allows it. A refused token is an {@link InvalidOidcTokenException} whose
 * {@link InvalidOidcTokenException.Reason} names the rule; an issuer whose keys cannot be had (and
 * none are cached) is an {@link IssuerUnavailableException}. Messages never contain the token.
 *
 * <p>{@code iat} is not checked: Kubernetes' OIDC authenticator, and so an EKS identity provider,
 * ignores it, so a token that names a future issue time is accepted while {@code exp} and
 * {@code nbf} allow it.
 *
 * <p>The settings are one way to write a Kubernetes JWT authenticator ({@link #jwtAuthenticator()}),
 * and tokens are verified through it by a {@link StructuredOidcVerifier}, with no CEL involved.
 *
 * <p>Thread-safe; build one per issuer and share it. {@link #close()} stops background key refreshes.
 */
public final class OidcVerifier implements AutoCloseable {
    private final AuthenticationConfiguration.JwtAuthenticator authenticator;
    private final StructuredOidcVerifier verifier;
    private final String description;

    private OidcVerifier(Builder b, AuthenticationConfiguration.JwtAuthenticator authenticator) {
        this.authenticator = authenticator;
        this.verifier = b.settings.configuration(AuthenticationConfiguration.of(authenticator))
                .fixedExtra(Map.of(OidcIdentity.ISSUER_EXTRA, List.of(b.issuer.toString())))
                .build();
        this.description = "OidcVerifier[issuer=" + b.issuer + ", algorithms=" + verifier.algorithms() + "]";
    }

    /** A builder; {@link Builder#issuer} and {@link Builder#clientId} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A verifier with the defaults of an EKS OIDC identity provider: username from {@code sub}
     * prefixed with {@code <issuer>#}, no groups, RS256 signatures.
     *
     * @param issuer the issuer URL, compared exactly with {@code iss}; see {@link Builder#issuer}
     * @param clientId the client id {@code aud} must contain
     * @throws IllegalArgumentException when the issuer is not a plain https URL or the client id is empty
     */
    public static OidcVerifier create(URI issuer, String clientId) {
        return builder().issuer(issuer).clientId(clientId).build();
    }

    /**
     * Verifies a token and maps it to a Kubernetes user. The first call fetches the issuer's
     * discovery document and keys; later calls use the cache.
     *
     * @throws InvalidOidcTokenException when the token is refused
     * @throws IssuerUnavailableException when the issuer's keys cannot be fetched and none are cached
     */
    public OidcIdentity verify(String token) {
        return verifier.verify(token);
    }

    /**
     * These settings as a JWT authenticator of a Kubernetes {@link AuthenticationConfiguration}, the
     * form they are verified in: the issuer with the client id as its audience, required claims as
     * claim validation rules, the username and groups claims with their prefixes as applied (the
     * {@code <issuer>#} default and {@code -} resolved), and {@code sub} as uid. kube-apiserver given
     * it accepts the same tokens and maps them to the same users, except for the issuer this
     * verifier adds to extra and for {@code system:} names, which this verifier refuses unless
     * {@link Builder#systemNames} allows them.
     */
    public AuthenticationConfiguration.JwtAuthenticator jwtAuthenticator() {
        return authenticator;
    }

    @Override
    public void close() {
        verifier.close();
    }

    @Override
    public String toString() {
        return description;
    }

    /**
     * Builds an {@link OidcVerifier} from the fields of an EKS OIDC identity provider plus key and
     * time settings. Not thread-safe.
     */
    public static final class Builder {
        private final StructuredOidcVerifier.Builder settings = StructuredOidcVerifier.builder();
        private URI issuer;
        private String clientId;
        private String usernameClaim = "sub";
        private String usernamePrefix;
        private String groupsClaim;
        private String groupsPrefix = "";
        private final Map<String, String> requiredClaims = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * The issuer URL: https, with a host, and no user info, query or fragment. {@code iss} must
         * equal its text exactly as written ({@link URI#toString()} of a URI parsed from text is that
         * text): no case folding, no normalisation, and a trailing slash matters.
         *
         * @throws IllegalArgumentException when the URL is not like that
         */
        public Builder issuer(URI issuer) {
            Objects.requireNonNull(issuer, "issuer");
            if (!"https".equals(issuer.getScheme()) || issuer.getHost() == null || issuer.getRawUserInfo() != null
                    || issuer.getRawQuery() != null || issuer.getRawFragment() != null) {
                throw new IllegalArgumentException("issuer must be an https URL with a host and no user info, query"
                        + " or fragment, was '" + UntrustedText.quote(issuer.toString()) + "'");
            }
            this.issuer = issuer;
            return this;
        }

        /** The client id: {@code aud} must contain it. */
        public Builder clientId(String clientId) {
            this.clientId = nonEmpty(clientId, "clientId");
            return this;
        }

        /** The claim that holds the username; {@code sub} by default. */
        public Builder usernameClaim(String claim) {
            this.usernameClaim = nonEmpty(claim, "usernameClaim");
            return this;
        }

        /**
         * What goes before every username: {@code -} for nothing. Unset, it is {@code <issuer>#},
         * except with the {@code email} claim, which gets none.
         *
         * @throws IllegalArgumentException when the prefix contains {@code system:}
         */
        public Builder usernamePrefix(String prefix) {
            this.usernamePrefix = noSystem(Objects.requireNonNull(prefix, "usernamePrefix"), "usernamePrefix");
            return this;
        }

        /** The claim that holds the groups (a string or an array of strings); none by default. */
        public Builder groupsClaim(String claim) {
            this.groupsClaim = nonEmpty(claim, "groupsClaim");
            return this;
        }

        /**
         * What goes before every group; nothing by default.
         *
         * @throws IllegalArgumentException when the prefix contains {@code system:}
         */
        public Builder groupsPrefix(String prefix) {
            this.groupsPrefix = noSystem(Objects.requireNonNull(prefix, "groupsPrefix"), "groupsPrefix");
            return this;
        }

        /**
         * A claim the token must carry with exactly this string value. EKS limits: key 1 to 63
         * characters, value 1 to 253.
         */
        public Builder requiredClaim(String key, String value) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            if (key.isEmpty() || key.length() > 63 || value.isEmpty() || value.length() > 253) {
                throw new IllegalArgumentException("a required claim needs a key of 1 to 63 characters and a value"
                        + " of 1 to 253, was '" + UntrustedText.quote(key) + "'");
            }
            requiredClaims.put(key, value);
            return this;
        }

        /** The algorithms signatures may use; RS256 alone by default. */
        public Builder signingAlgorithms(SigningAlgorithm... algorithms) {
            settings.signingAlgorithms(algorithms);
            return this;
        }

        /** How far in the future {@code nbf} may be; 0 to 5 minutes, 60 seconds by default. */
        public Builder clockSkew(Duration skew) {
            settings.clockSkew(skew);
            return this;
        }

        /** The longest token accepted, in characters; 1,024 to 1,048,576, 32 KiB by default. */
        public Builder maxTokenSize(int chars) {
            settings.maxTokenSize(chars);
            return this;
        }

        /**
         * Trust these certificates (instead of the JVM's) for the issuer's HTTPS.
         *
         * @throws IllegalArgumentException when there is none, or no trust store can be made of them
         */
        public Builder trustedCertificates(Collection<X509Certificate> certificates) {
            settings.sslContext(Trust.sslContext(certificates));
            return this;
        }

        /**
         * Trust the certificates in this PEM text (instead of the JVM's) for the issuer's HTTPS.
         *
         * @throws IllegalArgumentException when the text holds no certificate or a malformed one
         */
        public Builder trustedCertificatesPem(String pem) {
            return trustedCertificates(Trust.certificates(pem));
        }

        /** How long fetched keys are used before they are refetched; 5 minutes by default. */
        public Builder keyCacheTimeToLive(Duration ttl) {
            settings.keyCacheTimeToLive(ttl);
            return this;
        }

        /**
         * The least time between two key fetches caused by unknown key ids; 30 seconds by default.
         * Must be shorter than the cache time-to-live.
         */
        public Builder keyRefreshInterval(Duration interval) {
            settings.keyRefreshInterval(interval);
            return this;
        }

        /** How long the last good keys are used while the issuer cannot be reached; 24 hours by default. */
        public Builder keyOutageTolerance(Duration tolerance) {
            settings.keyOutageTolerance(tolerance);
            return this;
        }

        /** Connect timeout for the issuer; 5 seconds by default. */
        public Builder connectTimeout(Duration timeout) {
            settings.connectTimeout(timeout);
            return this;
        }

        /** Timeout of one request to the issuer; 10 seconds by default. */
        public Builder requestTimeout(Duration timeout) {
            settings.requestTimeout(timeout);
            return this;
        }

        /** The clock for {@code exp} and {@code nbf}; the system clock by default. */
        public Builder clock(Clock clock) {
            settings.clock(clock);
            return this;
        }

        /**
         * Whether a username or group may start with {@code system:}; {@link SystemNames#REFUSE} by
         * default. An EKS identity provider refuses prefixes containing {@code system:} (so does
         * this builder) but not such claim values when no prefix applies; see {@link SystemNames}.
         */
        public Builder systemNames(SystemNames systemNames) {
            settings.systemNames(systemNames);
            return this;
        }

        /**
         * Builds the verifier; no network is used until the first {@link OidcVerifier#verify}.
         *
         * @throws IllegalStateException when the issuer or client id is missing, or the key refresh
         *     interval is not shorter than the cache time-to-live
         */
        public OidcVerifier build() {
            if (issuer == null || clientId == null) {
                throw new IllegalStateException("issuer and clientId are required");
            }
            return new OidcVerifier(this, jwtAuthenticator());
        }

        private AuthenticationConfiguration.JwtAuthenticator jwtAuthenticator() {
            List<AuthenticationConfiguration.ClaimValidationRule> rules = new ArrayList<>();
            requiredClaims.forEach((key, value) -> rules.add(new AuthenticationConfiguration.ClaimValidationRule.RequiredValue(key, value)));
            AuthenticationConfiguration.ClaimMappings mappings = new AuthenticationConfiguration.ClaimMappings(
                    new ClaimOrExpression.Claim(usernameClaim, usernamePrefix()),
                    Optional.ofNullable(groupsClaim).map(claim -> new ClaimOrExpression.Claim(claim, groupsPrefix)),
                    Optional.of(new ClaimOrExpression.Claim("sub", "")), List.of());
            return new AuthenticationConfiguration.JwtAuthenticator(AuthenticationConfiguration.Issuer.of(issuer, clientId),
                    rules, mappings, List.of());
        }

        private String usernamePrefix() {
            if (usernamePrefix == null) {
                return "email".equals(usernameClaim) ? "" : issuer + "#";
            }
            return "-".equals(usernamePrefix) ? "" : usernamePrefix;
        }

        private static String nonEmpty(String value, String name) {
            if (Objects.requireNonNull(value, name).isEmpty()) {
                throw new IllegalArgumentException(name + " must not be empty");
            }
            return value;
        }

        private static String noSystem(String prefix, String name) {
            if (prefix.contains("system:")) {
                throw new IllegalArgumentException(name + " must not contain 'system:', was '" + UntrustedText.quote(prefix) + "'");
            }
            return prefix;
        }
    }
}
