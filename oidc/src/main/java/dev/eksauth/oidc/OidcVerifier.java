package dev.eksauth.oidc;

import static dev.eksauth.oidc.InvalidOidcTokenException.Reason.ALGORITHM_NOT_ALLOWED;
import static dev.eksauth.oidc.InvalidOidcTokenException.Reason.BAD_SIGNATURE;
import static dev.eksauth.oidc.InvalidOidcTokenException.Reason.MALFORMED;
import static dev.eksauth.oidc.InvalidOidcTokenException.Reason.TOO_LARGE;
import static dev.eksauth.oidc.InvalidOidcTokenException.Reason.WRONG_ISSUER;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

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
import dev.eksauth.oidc.internal.ClaimRules;
import dev.eksauth.oidc.internal.HttpsFetcher;
import dev.eksauth.oidc.internal.IssuerKeys;

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
 * strings. A refused token is an {@link InvalidOidcTokenException} whose
 * {@link InvalidOidcTokenException.Reason} names the rule; an issuer whose keys cannot be had (and
 * none are cached) is an {@link IssuerUnavailableException}. Messages never contain the token.
 *
 * <p>{@code iat} is not checked: Kubernetes' OIDC authenticator, and so an EKS identity provider,
 * ignores it, so a token that names a future issue time is accepted while {@code exp} and
 * {@code nbf} allow it.
 *
 * <p>Thread-safe; build one per issuer and share it. {@link #close()} stops background key refreshes.
 */
public final class OidcVerifier implements AutoCloseable {
    /** The issuer's text, exactly as configured: {@code iss} is compared with it. */
    private final String issuer;
    private final int maxTokenSize;
    private final Set<String> algorithms;
    private final IssuerKeys keys;
    private final ClaimRules rules;

    private OidcVerifier(Builder b) {
        this.issuer = b.issuer.toString();
        this.maxTokenSize = b.maxTokenSize;
        this.algorithms = b.algorithms.stream().map(Enum::name).collect(Collectors.toUnmodifiableSet());
        HttpsFetcher fetcher = new HttpsFetcher(b.sslContext, b.connectTimeout, b.requestTimeout, 1 << 20);
        this.keys = new IssuerKeys(issuer, fetcher,
                new IssuerKeys.Caching(b.keyCacheTimeToLive, b.keyRefreshInterval, b.keyOutageTolerance));
        this.rules = new ClaimRules(b.issuer, b.clientId, b.usernameClaim, b.usernamePrefix(), b.groupsClaim,
                b.groupsPrefix, b.requiredClaims, b.clockSkew, b.clock);
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
        if (!(claims.getClaim("iss") instanceof String iss) || !iss.equals(issuer)) {
            throw new InvalidOidcTokenException(WRONG_ISSUER, "iss " + describe(claims.getClaim("iss"))
                    + " is not the issuer '" + issuer + "'");
        }
        if (!signedByIssuer(jwt)) {
            throw new InvalidOidcTokenException(BAD_SIGNATURE, "no key of " + issuer + " verifies the signature"
                    + " (key id " + describe(jwt.getHeader().getKeyID()) + ")");
        }
        return rules.identity(claims);
    }

    @Override
    public void close() {
        try {
            keys.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "OidcVerifier[issuer=" + issuer + ", algorithms=" + algorithms + "]";
    }

    private boolean signedByIssuer(SignedJWT jwt) {
        List<JWSVerifier> candidates;
        try {
            candidates = keys.verifiers(jwt.getHeader());
        } catch (RateLimitReachedException e) {
            throw new InvalidOidcTokenException(BAD_SIGNATURE, "no key of " + issuer + " has the token's key id "
                    + describe(jwt.getHeader().getKeyID()) + " (keys were refetched recently)");
        } catch (KeySourceException e) {
            throw new IssuerUnavailableException("no keys of " + issuer + ": " + e.getMessage(), e);
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
     * Builds an {@link OidcVerifier} from the fields of an EKS OIDC identity provider plus key and
     * time settings. Not thread-safe.
     */
    public static final class Builder {
        private URI issuer;
        private String clientId;
        private String usernameClaim = "sub";
        private String usernamePrefix;
        private String groupsClaim;
        private String groupsPrefix = "";
        private final Map<String, String> requiredClaims = new LinkedHashMap<>();
        private Set<SigningAlgorithm> algorithms = EnumSet.of(SigningAlgorithm.RS256);
        private Duration clockSkew = Duration.ofSeconds(60);
        private int maxTokenSize = 32 * 1024;
        private SSLContext sslContext;
        private Duration keyCacheTimeToLive = Duration.ofMinutes(5);
        private Duration keyRefreshInterval = Duration.ofSeconds(30);
        private Duration keyOutageTolerance = Duration.ofHours(24);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Clock clock = Clock.systemUTC();

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
            if (algorithms.length == 0) {
                throw new IllegalArgumentException("at least one signing algorithm is needed");
            }
            this.algorithms = EnumSet.copyOf(List.of(algorithms));
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

        /**
         * Trust these certificates (instead of the JVM's) for the issuer's HTTPS.
         *
         * @throws IllegalArgumentException when there is none, or no trust store can be made of them
         */
        public Builder trustedCertificates(Collection<X509Certificate> certificates) {
            if (Objects.requireNonNull(certificates, "certificates").isEmpty()) {
                throw new IllegalArgumentException("trustedCertificates must not be empty");
            }
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                int i = 0;
                for (X509Certificate certificate : certificates) {
                    store.setCertificateEntry("ca-" + i++, certificate);
                }
                TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(store);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, trust.getTrustManagers(), null);
                this.sslContext = context;
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalArgumentException("cannot build a trust store from the certificates: "
                        + e.getMessage(), e);
            }
            return this;
        }

        /**
         * Trust the certificates in this PEM text (instead of the JVM's) for the issuer's HTTPS.
         *
         * @throws IllegalArgumentException when the text holds no certificate or a malformed one
         */
        public Builder trustedCertificatesPem(String pem) {
            Objects.requireNonNull(pem, "pem");
            List<X509Certificate> certificates = new ArrayList<>();
            try {
                for (Certificate c : CertificateFactory.getInstance("X.509")
                        .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                    certificates.add((X509Certificate) c);
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("the PEM text is not a list of X.509 certificates", e);
            }
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("the PEM text holds no certificate");
            }
            return trustedCertificates(certificates);
        }

        /** How long fetched keys are used before they are refetched; 5 minutes by default. */
        public Builder keyCacheTimeToLive(Duration ttl) {
            this.keyCacheTimeToLive = SettingChecks.within(ttl, Duration.ofSeconds(1), Duration.ofDays(1),
                    "keyCacheTimeToLive");
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

        /** How long the last good keys are used while the issuer cannot be reached; 24 hours by default. */
        public Builder keyOutageTolerance(Duration tolerance) {
            this.keyOutageTolerance = SettingChecks.within(tolerance, Duration.ofSeconds(1), Duration.ofDays(365),
                    "keyOutageTolerance");
            return this;
        }

        /** Connect timeout for the issuer; 5 seconds by default. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = SettingChecks.within(timeout, Duration.ofMillis(1), Duration.ofMinutes(5),
                    "connectTimeout");
            return this;
        }

        /** Timeout of one request to the issuer; 10 seconds by default. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = SettingChecks.within(timeout, Duration.ofMillis(1), Duration.ofMinutes(5),
                    "requestTimeout");
            return this;
        }

        /** The clock for {@code exp} and {@code nbf}; the system clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
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
            if (keyRefreshInterval.compareTo(keyCacheTimeToLive) >= 0) {
                throw new IllegalStateException("keyRefreshInterval must be shorter than keyCacheTimeToLive");
            }
            return new OidcVerifier(this);
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
