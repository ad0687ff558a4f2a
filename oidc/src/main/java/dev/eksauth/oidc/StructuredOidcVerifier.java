package dev.eksauth.oidc;

import static dev.eksauth.oidc.InvalidOidcTokenException.Reason.ALGORITHM_NOT_ALLOWED;
import static dev.eksauth.oidc.InvalidOidcTokenException.Reason.BAD_SIGNATURE;
import static dev.eksauth.oidc.InvalidOidcTokenException.Reason.MALFORMED;
import static dev.eksauth.oidc.InvalidOidcTokenException.Reason.TOO_LARGE;
import static dev.eksauth.oidc.InvalidOidcTokenException.Reason.WRONG_ISSUER;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import dev.eksauth.core.SettingChecks;
import dev.eksauth.core.SigningAlgorithm;
import dev.eksauth.core.UntrustedText;
import dev.eksauth.oidc.internal.CompiledAuthenticator;
import dev.eksauth.oidc.internal.ConfigurationRules;
import dev.eksauth.oidc.internal.HttpsFetcher;
import dev.eksauth.oidc.internal.IssuerKeys;
import dev.eksauth.oidc.internal.JwtRules;

/**
 * Verifies JWTs as kube-apiserver does with an {@link AuthenticationConfiguration}: the token's
 * {@code iss} picks one of its JWT authenticators, whose issuer's keys check the signature, and whose
 * claim validation rules, claim mappings and user validation rules (CEL expressions included) make
 * the Kubernetes user.
 *
 * <pre>{@code
 * try (StructuredOidcVerifier verifier = StructuredOidcVerifier.builder()
 *         .configuration(AuthenticationConfiguration.read(Path.of("authentication-config.yaml")))
 *         .signingAlgorithms(SigningAlgorithm.RS256, SigningAlgorithm.ES256)
 *         .build()) {
 *     KubernetesUser user = verifier.verify(idToken).user();
 * }
 * }</pre>
 *
 * <p>Checks, in order: size; compact JWS form; the algorithm is allowed; {@code iss} names an
 * authenticator ({@code WRONG_ISSUER} otherwise); the signature, with keys from that issuer's
 * discovery document (or its {@code discoveryURL}), trusted through its {@code certificateAuthority}
 * or the JVM's; {@code aud} contains one of the audiences; {@code exp} (no leeway) and {@code nbf}
 * (the clock skew); claims with required values; claim validation expressions; the username, groups,
 * uid and extra mappings; no username or group starting with {@code system:} unless
 * {@link SystemNames#ALLOW} (kube-apiserver has no such default; see {@link SystemNames}); user
 * validation expressions. {@code iat} is not checked, as in Kubernetes.
 *
 * <p>Expressions are compiled and type-checked when the configuration is set, never per token; a
 * configuration without expressions never loads CEL. An expression that fails on a token (a
 * missing claim, a wrong type, more than the evaluation limit of 10,000 comprehension
 * iterations) refuses it with reason {@code EXPRESSION}. A refused token is an
 * {@link InvalidOidcTokenException}; an issuer whose keys cannot be had, with none cached, an
 * {@link IssuerUnavailableException}. Messages never contain the token.
 *
 * <p>Thread-safe; build one and share it. {@link #close()} stops background key refreshes.
 */
public final class StructuredOidcVerifier implements AutoCloseable {
    /** One authenticator's keys and rules. */
    private record Authenticator(String issuer, IssuerKeys keys, JwtRules rules) {
    }

    private final int maxTokenSize;
    private final Set<String> algorithms;
    private final Map<String, Authenticator> byIssuer;

    private StructuredOidcVerifier(Builder b) {
        this.maxTokenSize = b.maxTokenSize;
        this.algorithms = b.algorithms.stream().map(Enum::name).collect(Collectors.toUnmodifiableSet());
        JwtRules.Options options = new JwtRules.Options(b.clockSkew, b.clock, b.systemNames, b.fixedExtra);
        IssuerKeys.Caching caching = new IssuerKeys.Caching(b.keyCacheTimeToLive, b.keyRefreshInterval, b.keyOutageTolerance);
        Map<String, Authenticator> map = new LinkedHashMap<>();
        for (CompiledAuthenticator a : b.compiled) {
            AuthenticationConfiguration.Issuer issuer = a.model().issuer();
            SSLContext trust = a.trust() != null ? a.trust() : b.sslContext;
            HttpsFetcher fetcher = new HttpsFetcher(trust, b.connectTimeout, b.requestTimeout, 1 << 20);
            String url = issuer.url().toString();
            map.put(url, new Authenticator(url, new IssuerKeys(url, issuer.discoveryUrl().orElse(null), fetcher, caching),
                    new JwtRules(a, options)));
        }
        this.byIssuer = Map.copyOf(map);
    }

    /** A builder; {@link Builder#configuration} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A verifier for a configuration with the default settings: RS256 signatures, 60 seconds of
     * clock skew, {@code system:} names refused.
     *
     * @throws IllegalArgumentException when the configuration breaks a rule; the message lists them
     */
    public static StructuredOidcVerifier create(AuthenticationConfiguration configuration) {
        return builder().configuration(configuration).build();
    }

    /**
     * Verifies a token and maps it to a Kubernetes user. The first token of an issuer fetches its
     * discovery document and keys; later ones use the cache.
     *
     * @throws InvalidOidcTokenException when the token is refused
     * @throws IssuerUnavailableException when the issuer's keys cannot be fetched and none are cached
     */
    public OidcIdentity verify(String token) {
        Objects.requireNonNull(token, "token");
        if (token.length() > maxTokenSize) {
            throw new InvalidOidcTokenException(TOO_LARGE,
                    "the token is " + token.length() + " characters, more than the maximum " + maxTokenSize);
        }
        SignedJWT jwt = parse(token);
        if (!algorithms.contains(jwt.getHeader().getAlgorithm().getName())) {
            throw new InvalidOidcTokenException(ALGORITHM_NOT_ALLOWED, "the token is signed with "
                    + UntrustedText.quote(jwt.getHeader().getAlgorithm().getName()) + ", allowed are " + algorithms);
        }
        JWTClaimsSet claims = claims(jwt);
        Authenticator authenticator = claims.getClaim("iss") instanceof String iss ? byIssuer.get(iss) : null;
        if (authenticator == null) {
            throw new InvalidOidcTokenException(WRONG_ISSUER, "iss " + describe(claims.getClaim("iss"))
                    + (byIssuer.size() == 1 ? " is not the issuer '" + byIssuer.keySet().iterator().next() + "'"
                            : " is none of the issuers " + byIssuer.keySet()));
        }
        if (!signedByIssuer(jwt, authenticator)) {
            throw new InvalidOidcTokenException(BAD_SIGNATURE, "no key of " + authenticator.issuer()
                    + " verifies the signature (key id " + describe(jwt.getHeader().getKeyID()) + ")");
        }
        return authenticator.rules().identity(claims);
    }

    @Override
    public void close() {
        IOException failure = null;
        for (Authenticator a : byIssuer.values()) {
            try {
                a.keys().close();
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw new UncheckedIOException(failure);
        }
    }

    /** The names of the algorithms signatures may use. */
    Set<String> algorithms() {
        return algorithms;
    }

    @Override
    public String toString() {
        return "StructuredOidcVerifier[issuers=" + byIssuer.keySet() + ", algorithms=" + algorithms + "]";
    }

    private static boolean signedByIssuer(SignedJWT jwt, Authenticator authenticator) {
        List<JWSVerifier> candidates;
        try {
            candidates = authenticator.keys().verifiers(jwt.getHeader());
        } catch (RateLimitReachedException e) {
            throw new InvalidOidcTokenException(BAD_SIGNATURE, "no key of " + authenticator.issuer()
                    + " has the token's key id " + describe(jwt.getHeader().getKeyID()) + " (keys were refetched recently)");
        } catch (KeySourceException e) {
            throw new IssuerUnavailableException("no keys of " + authenticator.issuer() + ": " + e.getMessage(), e);
        }
        for (JWSVerifier candidate : candidates) {
            try {
                if (jwt.verify(candidate)) {
                    return true;
                }
            } catch (JOSEException | IllegalStateException e) {
                // This key cannot check this signature; try the next.
            }
        }
        return false;
    }

    private static SignedJWT parse(String token) {
        try {
            return SignedJWT.parse(token);
        } catch (ParseException | RuntimeException e) {
            // Not a signed JWT: say whether it is an unsecured or encrypted one, or nothing at all.
            JWT other;
            try {
                other = JWTParser.parse(token);
            } catch (ParseException | RuntimeException notJwt) {
                throw new InvalidOidcTokenException(MALFORMED, "the token is not a JWT in compact serialisation");
            }
            if (other instanceof PlainJWT) {
                throw new InvalidOidcTokenException(ALGORITHM_NOT_ALLOWED, "the token is unsigned (alg none)");
            }
            throw new InvalidOidcTokenException(MALFORMED, "the token is not a signed JWT");
        }
    }

    private static JWTClaimsSet claims(SignedJWT jwt) {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new InvalidOidcTokenException(MALFORMED, "the token's payload is not a JSON object of claims");
        }
    }

    private static String describe(Object value) {
        return value instanceof String s ? "'" + UntrustedText.quote(s) + "'" : value == null ? "(none)" : "(not a string)";
    }

    /**
     * Builds a {@link StructuredOidcVerifier}: a configuration plus signature, time and key
     * settings. Setters check their argument at once. Not thread-safe.
     */
    public static final class Builder {
        private List<CompiledAuthenticator> compiled;
        private Set<SigningAlgorithm> algorithms = EnumSet.of(SigningAlgorithm.RS256);
        private Duration clockSkew = Duration.ofSeconds(60);
        private int maxTokenSize = 32 * 1024;
        private SSLContext sslContext;
        private Map<String, List<String>> fixedExtra = Map.of();
        private SystemNames systemNames = SystemNames.REFUSE;
        private Duration keyCacheTimeToLive = Duration.ofMinutes(5);
        private Duration keyRefreshInterval = Duration.ofSeconds(30);
        private Duration keyOutageTolerance = Duration.ofHours(24);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * The authenticators. Checked as {@link AuthenticationConfiguration#parse} checks a file,
         * with every expression compiled here, once.
         *
         * @throws IllegalArgumentException when the configuration breaks a rule; the message lists
         *     each problem with its field path
         */
        public Builder configuration(AuthenticationConfiguration configuration) {
            ConfigurationRules.Checked checked = ConfigurationRules.check(Objects.requireNonNull(configuration, "configuration"));
            if (!checked.problems().isEmpty()) {
                throw new IllegalArgumentException(new InvalidAuthenticationConfigurationException(checked.problems()).getMessage());
            }
            this.compiled = checked.authenticators();
            return this;
        }

        /** The algorithms signatures may use; RS256 alone by default. {@code none} and HMAC are not among them. */
        public Builder signingAlgorithms(SigningAlgorithm... algorithms) {
            if (algorithms.length == 0) {
                throw new IllegalArgumentException("at least one signing algorithm is needed");
            }
            this.algorithms = EnumSet.copyOf(List.of(algorithms));
            return this;
        }

        /**
         * Whether a username or group may start with {@code system:}; {@link SystemNames#REFUSE} by
         * default, unlike kube-apiserver (see {@link SystemNames}).
         */
        public Builder systemNames(SystemNames systemNames) {
            this.systemNames = Objects.requireNonNull(systemNames, "systemNames");
            return this;
        }

        /** How far in the future {@code nbf} may be; 0 to 5 minutes, 60 seconds by default. */
        public Builder clockSkew(Duration skew) {
            this.clockSkew = SettingChecks.within(skew, Duration.ZERO, Duration.ofMinutes(5), "clockSkew");
            return this;
        }

        /** The longest token accepted, in characters; 1,024 to 1,048,576, 32 KiB by default. */
        public Builder maxTokenSize(int chars) {
            if (chars < 1024 || chars > 1 << 20) {
                throw new IllegalArgumentException("maxTokenSize must be between 1024 and 1048576, was " + chars);
            }
            this.maxTokenSize = chars;
            return this;
        }

        /** How long fetched keys are used before they are refetched; 5 minutes by default. */
        public Builder keyCacheTimeToLive(Duration ttl) {
            this.keyCacheTimeToLive = SettingChecks.within(ttl, Duration.ofSeconds(1), Duration.ofDays(1), "keyCacheTimeToLive");
            return this;
        }

        /**
         * The least time between two key fetches caused by unknown key ids; 30 seconds by default.
         * Must be shorter than the cache time-to-live.
         */
        public Builder keyRefreshInterval(Duration interval) {
            this.keyRefreshInterval = SettingChecks.within(interval, Duration.ofMillis(1), Duration.ofDays(1),
                    "keyRefreshInterval");
            return this;
        }

        /** How long the last good keys are used while an issuer cannot be reached; 24 hours by default. */
        public Builder keyOutageTolerance(Duration tolerance) {
            this.keyOutageTolerance = SettingChecks.within(tolerance, Duration.ofSeconds(1), Duration.ofDays(365),
                    "keyOutageTolerance");
            return this;
        }

        /** Connect timeout for the issuers; 5 seconds by default. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = SettingChecks.within(timeout, Duration.ofMillis(1), Duration.ofMinutes(5), "connectTimeout");
            return this;
        }

        /** Timeout of one request to an issuer; 10 seconds by default. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = SettingChecks.within(timeout, Duration.ofMillis(1), Duration.ofMinutes(5), "requestTimeout");
            return this;
        }

        /** The clock for {@code exp} and {@code nbf}; the system clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The trust for issuers without a certificate authority of their own (OidcVerifier's). */
        Builder sslContext(SSLContext sslContext) {
            this.sslContext = sslContext;
            return this;
        }

        /** Extra values every user gets (OidcVerifier's issuer). */
        Builder fixedExtra(Map<String, List<String>> extra) {
            this.fixedExtra = Map.copyOf(extra);
            return this;
        }

        /**
         * Builds the verifier; no network is used until the first {@link StructuredOidcVerifier#verify}.
         *
         * @throws IllegalStateException when the configuration is missing, or the key refresh
         *     interval is not shorter than the cache time-to-live
         */
        public StructuredOidcVerifier build() {
            if (compiled == null) {
                throw new IllegalStateException("configuration is required");
            }
            if (keyRefreshInterval.compareTo(keyCacheTimeToLive) >= 0) {
                throw new IllegalStateException("keyRefreshInterval must be shorter than keyCacheTimeToLive");
            }
            return new StructuredOidcVerifier(this);
        }
    }
}
