package dev.eksauth.oidc.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.eksauth.core.UntrustedText;
import dev.eksauth.oidc.AuthenticationConfiguration;
import dev.eksauth.oidc.AuthenticationConfiguration.AudienceMatchPolicy;
import dev.eksauth.oidc.AuthenticationConfiguration.ClaimMappings;
import dev.eksauth.oidc.AuthenticationConfiguration.ClaimOrExpression;
import dev.eksauth.oidc.AuthenticationConfiguration.ClaimValidationRule;
import dev.eksauth.oidc.AuthenticationConfiguration.ExtraMapping;
import dev.eksauth.oidc.AuthenticationConfiguration.Issuer;
import dev.eksauth.oidc.AuthenticationConfiguration.JwtAuthenticator;
import dev.eksauth.oidc.AuthenticationConfiguration.UserValidationRule;
import dev.eksauth.oidc.InvalidAuthenticationConfigurationException;

/**
 * Reads the text of an {@code AuthenticationConfiguration} into the model: JSON with Jackson
 * (duplicate keys refused), anything else with SnakeYAML's safe constructor (no tags, few aliases,
 * no duplicate keys, a size and nesting cap). Refuses what cannot be put in the model: a wrong
 * {@code apiVersion} or {@code kind}, unknown fields, wrong value types, a claim and an expression
 * both set or neither, a prefix missing or misplaced. The rules of {@link ConfigurationRules} come
 * after. Stateless and thread-safe.
 */
public final class ConfigurationReader {
    private static final Set<String> API_VERSIONS = Set.of("apiserver.config.k8s.io/v1", "apiserver.config.k8s.io/v1beta1");
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final List<String> problems = new ArrayList<>();

    private ConfigurationReader() {
    }

    /**
     * Reads the model.
     *
     * @throws InvalidAuthenticationConfigurationException listing what is wrong with the text's shape
     */
    public static AuthenticationConfiguration read(String text) {
        ConfigurationReader reader = new ConfigurationReader();
        AuthenticationConfiguration config = reader.document(text);
        if (!reader.problems.isEmpty()) {
            throw new InvalidAuthenticationConfigurationException(reader.problems);
        }
        return config;
    }

    private AuthenticationConfiguration document(String text) {
        if (text.length() > AuthenticationConfiguration.MAX_SIZE) {
            problems.add("the configuration is " + text.length() + " characters, more than " + AuthenticationConfiguration.MAX_SIZE);
            return null;
        }
        Object root = parse(text);
        if (!problems.isEmpty()) {
            return null;
        }
        Map<String, Object> top = map(root, "(document)");
        if (top == null) {
            return null;
        }
        known(top, "", Set.of("apiVersion", "kind", "jwt", "anonymous"));
        String apiVersion = string(top, "apiVersion", "");
        if (apiVersion == null || !API_VERSIONS.contains(apiVersion)) {
            problems.add("apiVersion: must be apiserver.config.k8s.io/v1 or apiserver.config.k8s.io/v1beta1, was "
                    + shown(apiVersion));
        }
        String kind = string(top, "kind", "");
        if (!"AuthenticationConfiguration".equals(kind)) {
            problems.add("kind: must be AuthenticationConfiguration, was " + shown(kind));
        }
        return new AuthenticationConfiguration(list(top, "jwt", "jwt", this::authenticator));
    }

    private Object parse(String text) {
        String trimmed = text.stripLeading();
        try {
            if (trimmed.startsWith("{")) {
                return JSON.readValue(trimmed, Object.class);
            }
            LoaderOptions options = new LoaderOptions();
            options.setCodePointLimit(AuthenticationConfiguration.MAX_SIZE);
            options.setMaxAliasesForCollections(20);
            options.setAllowDuplicateKeys(false);
            options.setAllowRecursiveKeys(false);
            options.setNestingDepthLimit(30);
            options.setTagInspector(tag -> false);
            return new Yaml(new SafeConstructor(options)).load(text);
        } catch (JsonProcessingException e) {
            problems.add("not JSON: " + UntrustedText.quote(e.getOriginalMessage()) + " at line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()));
        } catch (YAMLException e) {
            problems.add("not YAML: " + UntrustedText.quote(firstLine(e.getMessage())));
        }
        return null;
    }

    private JwtAuthenticator authenticator(Object value, String path) {
        Map<String, Object> m = map(value, path);
        if (m == null) {
            return null;
        }
        known(m, path, Set.of("issuer", "claimValidationRules", "claimMappings", "userValidationRules"));
        Issuer issuer = issuer(required(m, "issuer", path), path + ".issuer");
        ClaimMappings mappings = mappings(required(m, "claimMappings", path), path + ".claimMappings");
        List<ClaimValidationRule> claimRules = list(m, "claimValidationRules", path + ".claimValidationRules", this::claimRule);
        List<UserValidationRule> userRules = list(m, "userValidationRules", path + ".userValidationRules", this::userRule);
        return issuer == null || mappings == null ? null : new JwtAuthenticator(issuer, claimRules, mappings, userRules);
    }

    private Issuer issuer(Object value, String path) {
        Map<String, Object> m = map(value, path);
        if (m == null) {
            return null;
        }
        known(m, path, Set.of("url", "discoveryURL", "audiences", "audienceMatchPolicy", "certificateAuthority",
                "egressSelectorType"));
        URI url = uri(orEmpty(string(m, "url", path)), path + ".url");
        String discovery = string(m, "discoveryURL", path);
        Optional<URI> discoveryUrl = discovery == null || discovery.isEmpty() ? Optional.empty()
                : Optional.ofNullable(uri(discovery, path + ".discoveryURL"));
        List<String> audiences = list(m, "audiences", path + ".audiences", (v, p) -> stringValue(v, p));
        String policy = string(m, "audienceMatchPolicy", path);
        Optional<AudienceMatchPolicy> matchPolicy = Optional.empty();
        if ("MatchAny".equals(policy)) {
            matchPolicy = Optional.of(AudienceMatchPolicy.MATCH_ANY);
        } else if (policy != null && !policy.isEmpty()) {
            problems.add(path + ".audienceMatchPolicy: unsupported value " + shown(policy) + "; the supported value is MatchAny");
        }
        String ca = string(m, "certificateAuthority", path);
        String egress = string(m, "egressSelectorType", path);
        if (egress != null && !egress.isEmpty() && !Set.of("controlplane", "cluster").contains(egress)) {
            problems.add(path + ".egressSelectorType: must be controlplane or cluster, was " + shown(egress));
        }
        return url == null ? null : new Issuer(url, discoveryUrl, audiences, matchPolicy,
                ca == null || ca.isEmpty() ? Optional.empty() : Optional.of(ca));
    }

    private ClaimValidationRule claimRule(Object value, String path) {
        Map<String, Object> m = map(value, path);
        if (m == null) {
            return null;
        }
        known(m, path, Set.of("claim", "requiredValue", "expression", "message"));
        String claim = orEmpty(string(m, "claim", path));
        String requiredValue = orEmpty(string(m, "requiredValue", path));
        String expression = orEmpty(string(m, "expression", path));
        String message = orEmpty(string(m, "message", path));
        if (!claim.isEmpty() && !expression.isEmpty()) {
            problems.add(path + ": claim and expression can't both be set");
        } else if (claim.isEmpty() && expression.isEmpty()) {
            problems.add(path + ": claim or expression is required");
        } else if (!claim.isEmpty()) {
            if (!message.isEmpty()) {
                problems.add(path + ".message: may not be specified when claim is set");
            }
            return new ClaimValidationRule.RequiredValue(claim, requiredValue);
        } else {
            if (!requiredValue.isEmpty()) {
                problems.add(path + ".requiredValue: may not be specified when expression is set");
            }
            return new ClaimValidationRule.Expression(expression, message);
        }
        return null;
    }

    private ClaimMappings mappings(Object value, String path) {
        Map<String, Object> m = map(value, path);
        if (m == null) {
            return null;
        }
        known(m, path, Set.of("username", "groups", "uid", "extra"));
        Optional<ClaimOrExpression> username = claimOrExpression(m.get("username"), path + ".username", true, true);
        Optional<ClaimOrExpression> groups = claimOrExpression(m.get("groups"), path + ".groups", true, false);
        Optional<ClaimOrExpression> uid = claimOrExpression(m.get("uid"), path + ".uid", false, false);
        List<ExtraMapping> extra = list(m, "extra", path + ".extra", (v, p) -> {
            Map<String, Object> e = map(v, p);
            if (e == null) {
                return null;
            }
            known(e, p, Set.of("key", "valueExpression"));
            return new ExtraMapping(orEmpty(string(e, "key", p)), orEmpty(string(e, "valueExpression", p)));
        });
        return username.isEmpty() ? null : new ClaimMappings(username.get(), groups, uid, extra);
    }

    /**
     * A claim with its prefix ({@code prefixed}) or an expression; when {@code required}, missing or
     * empty is a problem too.
     */
    private Optional<ClaimOrExpression> claimOrExpression(Object value, String path, boolean prefixed, boolean required) {
        if (value == null) {
            if (required) {
                problems.add(path + ": claim or expression is required");
            }
            return Optional.empty();
        }
        Map<String, Object> m = map(value, path);
        if (m == null) {
            return Optional.empty();
        }
        known(m, path, prefixed ? Set.of("claim", "prefix", "expression") : Set.of("claim", "expression"));
        String claim = orEmpty(string(m, "claim", path));
        String prefix = string(m, "prefix", path);
        String expression = orEmpty(string(m, "expression", path));
        if (!claim.isEmpty() && !expression.isEmpty()) {
            problems.add(path + ": claim and expression can't both be set");
        } else if (!expression.isEmpty()) {
            if (prefix != null) {
                problems.add(path + ".prefix: may not be specified when expression is set");
            }
            return Optional.of(new ClaimOrExpression.Expression(expression));
        } else if (!claim.isEmpty()) {
            if (prefix == null && prefixed) {
                problems.add(path + ".prefix: prefix is required when claim is set. It can be set to an empty string to"
                        + " disable prefixing");
            }
            return Optional.of(new ClaimOrExpression.Claim(claim, orEmpty(prefix)));
        } else if (required) {
            problems.add(path + ": claim or expression is required");
        }
        return Optional.empty();
    }

    private UserValidationRule userRule(Object value, String path) {
        Map<String, Object> m = map(value, path);
        if (m == null) {
            return null;
        }
        known(m, path, Set.of("expression", "message"));
        return new UserValidationRule(orEmpty(string(m, "expression", path)), orEmpty(string(m, "message", path)));
    }

    private URI uri(String text, String path) {
        if (text.isEmpty()) {
            problems.add(path + ": Required value");
            return null;
        }
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            problems.add(path + ": not a URL: " + shown(text));
            return null;
        }
    }

    private Object required(Map<String, Object> m, String key, String path) {
        Object value = m.get(key);
        if (value == null) {
            problems.add(path + "." + key + ": Required value");
        }
        return value;
    }

    private <T> List<T> list(Map<String, Object> m, String key, String path, BiFunction<Object, String, T> element) {
        Object value = m.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> items)) {
            problems.add(path + ": must be a list");
            return List.of();
        }
        List<T> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            T t = element.apply(items.get(i), path + "[" + i + "]");
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(Object value, String path) {
        if (value instanceof Map<?, ?> m && m.keySet().stream().allMatch(String.class::isInstance)) {
            return (Map<String, Object>) m;
        }
        problems.add(path + ": must be a mapping with string keys");
        return null;
    }

    private String string(Map<String, Object> m, String key, String path) {
        Object value = m.get(key);
        return value == null ? null : stringValue(value, path.isEmpty() ? key : path + "." + key);
    }

    private String stringValue(Object value, String path) {
        if (value instanceof String s) {
            return s;
        }
        problems.add(path + ": must be a string");
        return null;
    }

    private void known(Map<String, Object> m, String path, Set<String> fields) {
        for (String key : m.keySet()) {
            if (!fields.contains(key)) {
                problems.add((path.isEmpty() ? "" : path + ".") + UntrustedText.quote(key) + ": unknown field");
            }
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String shown(String value) {
        return value == null ? "(none)" : "'" + UntrustedText.quote(value) + "'";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
