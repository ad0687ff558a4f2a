package dev.eksauth.oidc;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.eksauth.core.UntrustedText;
import dev.eksauth.oidc.internal.ConfigurationReader;
import dev.eksauth.oidc.internal.ConfigurationRules;

/**
 * The JWT part of a Kubernetes {@code AuthenticationConfiguration} ({@code apiserver.config.k8s.io/v1}
 * or {@code v1beta1}), the file kube-apiserver reads with {@code --authentication-config}: one or more
 * JWT authenticators, each with an issuer, claim validation rules, claim mappings and user
 * validation rules, where rules and mappings may be CEL expressions.
 *
 * <pre>{@code
 * AuthenticationConfiguration config = AuthenticationConfiguration.read(Path.of("authentication-config.yaml"));
 * try (StructuredOidcVerifier verifier = StructuredOidcVerifier.create(config)) {
 *     KubernetesUser user = verifier.verify(idToken).user();
 * }
 * }</pre>
 *
 * <p>{@link #parse} and {@link #read} refuse, with an {@link InvalidAuthenticationConfigurationException}
 * that lists every problem by its field path ({@code jwt[1].claimMappings.username.prefix}), what
 * kube-apiserver refuses at start-up: a missing or non-https issuer URL, duplicate issuers or
 * discovery URLs, no audience, several audiences without {@code MatchAny}, an unreadable CA, a claim
 * and an expression both set, a claim mapping without its prefix, an extra key that is not a
 * lower-case domain-prefixed path or is under {@code k8s.io} or {@code kubernetes.io}, duplicate
 * rules, a username expression using {@code claims.email} where no expression uses
 * {@code claims.email_verified}, and any expression that does not compile or type-check (claim and
 * user validation rules must be {@code bool}). Unknown fields are refused too, as kube-apiserver's
 * strict decoding does; the top-level {@code anonymous} section and an issuer's
 * {@code egressSelectorType} are read and ignored (they do not concern JWT verification).
 *
 * <p>The records can also be built in code; {@link StructuredOidcVerifier.Builder#configuration}
 * applies the same checks. Immutable and thread-safe; collections are copied and unmodifiable.
 *
 * @param jwt the JWT authenticators, at most 64; a token's {@code iss} picks one
 */
public record AuthenticationConfiguration(List<JwtAuthenticator> jwt) {
    /** The largest configuration file read, in characters. */
    public static final int MAX_SIZE = 1 << 20;

    /** Checks and copies the list. */
    public AuthenticationConfiguration {
        jwt = List.copyOf(jwt);
    }

    /** A configuration of these authenticators. */
    public static AuthenticationConfiguration of(JwtAuthenticator... jwt) {
        return new AuthenticationConfiguration(List.of(jwt));
    }

    /**
     * Reads a configuration from YAML or JSON text and checks it as kube-apiserver does at start-up.
     *
     * @throws InvalidAuthenticationConfigurationException listing every problem found
     */
    public static AuthenticationConfiguration parse(String text) {
        AuthenticationConfiguration config = ConfigurationReader.read(Objects.requireNonNull(text, "text"));
        List<String> problems = ConfigurationRules.problems(config);
        if (!problems.isEmpty()) {
            throw new InvalidAuthenticationConfigurationException(problems);
        }
        return config;
    }

    /**
     * Reads a configuration file (YAML or JSON, UTF-8, at most {@link #MAX_SIZE} characters).
     *
     * @throws InvalidAuthenticationConfigurationException when the file cannot be read, or listing
     *     every problem found in it
     */
    public static AuthenticationConfiguration read(Path file) {
        Objects.requireNonNull(file, "file");
        String text;
        try {
            if (Files.size(file) > 4L * MAX_SIZE) {
                throw new InvalidAuthenticationConfigurationException(List.of(
                        UntrustedText.quote(file.toString()) + ": larger than " + MAX_SIZE + " characters"));
            }
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidAuthenticationConfigurationException(List.of("cannot read "
                    + UntrustedText.quote(file.toString()) + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + UntrustedText.quote(e.getMessage()))));
        }
        return parse(text);
    }

    /**
     * One JWT authenticator: tokens whose {@code iss} is its issuer URL are verified with it.
     *
     * @param issuer where tokens come from, where keys are found and which audiences are accepted
     * @param claimValidationRules rules every token's claims must pass
     * @param claimMappings how claims become the Kubernetes user
     * @param userValidationRules rules the resulting user must pass
     */
    public record JwtAuthenticator(Issuer issuer, List<ClaimValidationRule> claimValidationRules,
            ClaimMappings claimMappings, List<UserValidationRule> userValidationRules) {
        /** Checks and copies the components. */
        public JwtAuthenticator {
            Objects.requireNonNull(issuer, "issuer");
            claimValidationRules = List.copyOf(claimValidationRules);
            Objects.requireNonNull(claimMappings, "claimMappings");
            userValidationRules = List.copyOf(userValidationRules);
        }

        /** An authenticator with mappings and no validation rules. */
        public static JwtAuthenticator of(Issuer issuer, ClaimMappings claimMappings) {
            return new JwtAuthenticator(issuer, List.of(), claimMappings, List.of());
        }
    }

    /**
     * The issuer of an authenticator.
     *
     * @param url the issuer URL: {@code iss} must equal its text exactly, and the discovery document
     *     must name it
     * @param discoveryUrl where the discovery document is, when not {@code <url>/.well-known/openid-configuration}
     * @param audiences the accepted audiences: {@code aud} must contain at least one
     * @param audienceMatchPolicy {@code MatchAny}, required with several audiences
     * @param certificateAuthority PEM certificates trusted for the discovery document and keys
     *     instead of the JVM's
     */
    public record Issuer(URI url, Optional<URI> discoveryUrl, List<String> audiences,
            Optional<AudienceMatchPolicy> audienceMatchPolicy, Optional<String> certificateAuthority) {
        /** Checks and copies the components. */
        public Issuer {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(discoveryUrl, "discoveryUrl");
            audiences = List.copyOf(audiences);
            Objects.requireNonNull(audienceMatchPolicy, "audienceMatchPolicy");
            Objects.requireNonNull(certificateAuthority, "certificateAuthority");
        }

        /** An issuer with these audiences ({@code MatchAny} when there are several), found by discovery at its URL. */
        public static Issuer of(URI url, String... audiences) {
            return new Issuer(url, Optional.empty(), List.of(audiences),
                    audiences.length > 1 ? Optional.of(AudienceMatchPolicy.MATCH_ANY) : Optional.empty(), Optional.empty());
        }

        /** This issuer trusting these PEM certificates for its HTTPS. */
        public Issuer withCertificateAuthority(String pem) {
            return new Issuer(url, discoveryUrl, audiences, audienceMatchPolicy, Optional.of(pem));
        }

        @Override
        public String toString() {
            return "Issuer[url=" + url + ", discoveryUrl=" + discoveryUrl.map(URI::toString).orElse("(default)")
                    + ", audiences=" + audiences + ", audienceMatchPolicy=" + audienceMatchPolicy
                    + ", certificateAuthority=" + (certificateAuthority.isPresent() ? "(PEM)" : "(JVM default)") + "]";
        }
    }

    /** How {@code aud} is matched against the audiences; Kubernetes knows one policy. */
    public enum AudienceMatchPolicy {
        /** {@code aud} must contain at least one of the audiences ({@code MatchAny} in the file). */
        MATCH_ANY
    }

    /** A rule a token's claims must pass: a claim with a required value, or a CEL expression. */
    public sealed interface ClaimValidationRule {
        /**
         * The claim must be present, be a string and equal the value ({@code --oidc-required-claim}).
         *
         * @param claim the claim's name
         * @param requiredValue the value it must have
         */
        record RequiredValue(String claim, String requiredValue) implements ClaimValidationRule {
            /** Checks the components. */
            public RequiredValue {
                Objects.requireNonNull(claim, "claim");
                Objects.requireNonNull(requiredValue, "requiredValue");
            }
        }

        /**
         * A CEL expression over {@code claims} that must evaluate to {@code true}.
         *
         * @param expression the CEL expression, of type {@code bool}
         * @param message what a refusal says; empty for the expression itself
         */
        record Expression(String expression, String message) implements ClaimValidationRule {
            /** Checks the components. */
            public Expression {
                Objects.requireNonNull(expression, "expression");
                Objects.requireNonNull(message, "message");
            }
        }
    }

    /**
     * How claims become the Kubernetes user.
     *
     * @param username required: a claim with its prefix, or an expression that yields a non-empty string
     * @param groups a claim (a string or an array of strings) with its prefix, or an expression that
     *     yields a string or a list of strings; none when empty
     * @param uid a claim holding a string, or an expression that yields one; none when empty
     * @param extra keys with expressions that yield a string or a list of strings
     */
    public record ClaimMappings(ClaimOrExpression username, Optional<ClaimOrExpression> groups,
            Optional<ClaimOrExpression> uid, List<ExtraMapping> extra) {
        /** Checks and copies the components. */
        public ClaimMappings {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(groups, "groups");
            Objects.requireNonNull(uid, "uid");
            extra = List.copyOf(extra);
        }

        /** A mapping of the username alone. */
        public static ClaimMappings username(ClaimOrExpression username) {
            return new ClaimMappings(username, Optional.empty(), Optional.empty(), List.of());
        }
    }

    /** A user attribute taken from a claim (with a prefix) or computed by a CEL expression over {@code claims}. */
    public sealed interface ClaimOrExpression {
        /**
         * The value of a claim, with a prefix put before it (before each group for groups).
         *
         * @param claim the claim's name
         * @param prefix what goes before the value; empty for nothing (uid takes no prefix)
         */
        record Claim(String claim, String prefix) implements ClaimOrExpression {
            /** Checks the components. */
            public Claim {
                Objects.requireNonNull(claim, "claim");
                Objects.requireNonNull(prefix, "prefix");
            }
        }

        /**
         * A CEL expression over {@code claims}.
         *
         * @param expression the CEL expression
         */
        record Expression(String expression) implements ClaimOrExpression {
            /** Checks the component. */
            public Expression {
                Objects.requireNonNull(expression, "expression");
            }
        }
    }

    /**
     * An extra attribute of the user.
     *
     * @param key a lower-case domain-prefixed path, e.g. {@code example.com/tenant}
     * @param valueExpression a CEL expression over {@code claims} yielding a string or a list of
     *     strings; an empty result leaves the key out
     */
    public record ExtraMapping(String key, String valueExpression) {
        /** Checks the components. */
        public ExtraMapping {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(valueExpression, "valueExpression");
        }
    }

    /**
     * A rule the resulting user must pass.
     *
     * @param expression a CEL expression over {@code user} ({@code username}, {@code uid},
     *     {@code groups}, {@code extra}) of type {@code bool}
     * @param message what a refusal says; empty for the expression itself
     */
    public record UserValidationRule(String expression, String message) {
        /** Checks the components. */
        public UserValidationRule {
            Objects.requireNonNull(expression, "expression");
            Objects.requireNonNull(message, "message");
        }
    }
}
