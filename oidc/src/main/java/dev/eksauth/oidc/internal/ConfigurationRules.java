package dev.eksauth.oidc.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;

import dev.eksauth.core.UntrustedText;
import dev.eksauth.oidc.AuthenticationConfiguration;
import dev.eksauth.oidc.AuthenticationConfiguration.AudienceMatchPolicy;
import dev.eksauth.oidc.AuthenticationConfiguration.ClaimOrExpression;
import dev.eksauth.oidc.AuthenticationConfiguration.ClaimValidationRule;
import dev.eksauth.oidc.AuthenticationConfiguration.ExtraMapping;
import dev.eksauth.oidc.AuthenticationConfiguration.Issuer;
import dev.eksauth.oidc.AuthenticationConfiguration.JwtAuthenticator;
import dev.eksauth.oidc.AuthenticationConfiguration.UserValidationRule;
import dev.eksauth.oidc.internal.CompiledAuthenticator.Mapping;
import dev.eksauth.oidc.internal.CompiledAuthenticator.Rule;
import dev.eksauth.oidc.internal.ExpressionCompiler.Result;

/**
 * The rules kube-apiserver applies to an {@code AuthenticationConfiguration} at start-up, with every
 * expression compiled and type-checked. Each problem starts with its field path. CEL is loaded only
 * when the configuration has an expression. Stateless and thread-safe.
 */
public final class ConfigurationRules {
    /** The most authenticators kube-apiserver takes. */
    public static final int MAX_AUTHENTICATORS = 64;

    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern HTTP_PATH = Pattern.compile("[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+");

    /**
     * The outcome of the checks.
     *
     * @param problems what is wrong, each naming its field; empty when the configuration is good
     * @param authenticators the compiled authenticators, complete only when there is no problem
     */
    public record Checked(List<String> problems, List<CompiledAuthenticator> authenticators) {
    }

    private final List<String> problems = new ArrayList<>();
    private ExpressionCompiler compiler;

    private ConfigurationRules() {
    }

    /** The problems of a configuration; empty when kube-apiserver would start with it. */
    public static List<String> problems(AuthenticationConfiguration config) {
        return check(config).problems();
    }

    /** Checks a configuration and compiles its expressions. */
    public static Checked check(AuthenticationConfiguration config) {
        ConfigurationRules rules = new ConfigurationRules();
        List<CompiledAuthenticator> out = new ArrayList<>();
        if (config.jwt().size() > MAX_AUTHENTICATORS) {
            rules.problems.add("jwt: must have at most " + MAX_AUTHENTICATORS + " items, has " + config.jwt().size());
            return new Checked(List.copyOf(rules.problems), List.of());
        }
        Set<String> issuers = new HashSet<>();
        Set<String> discoveryUrls = new HashSet<>();
        for (int i = 0; i < config.jwt().size(); i++) {
            JwtAuthenticator a = config.jwt().get(i);
            String path = "jwt[" + i + "]";
            if (!issuers.add(a.issuer().url().toString())) {
                rules.problems.add(path + ".issuer.url: Duplicate value: '" + UntrustedText.quote(a.issuer().url().toString()) + "'");
            }
            a.issuer().discoveryUrl().ifPresent(d -> {
                if (!discoveryUrls.add(d.toString())) {
                    rules.problems.add(path + ".issuer.discoveryURL: Duplicate value: '" + UntrustedText.quote(d.toString()) + "'");
                }
            });
            out.add(rules.authenticator(a, path));
        }
        return new Checked(List.copyOf(rules.problems), out);
    }

    private CompiledAuthenticator authenticator(JwtAuthenticator a, String path) {
        SSLContext trust = issuer(a.issuer(), path + ".issuer");
        boolean emailVerified = false;
        Map<String, String> required = new LinkedHashMap<>();
        List<Rule> claimRules = new ArrayList<>();
        Set<String> expressions = new HashSet<>();
        for (int i = 0; i < a.claimValidationRules().size(); i++) {
            String rulePath = path + ".claimValidationRules[" + i + "]";
            ClaimValidationRule rule = a.claimValidationRules().get(i);
            if (rule instanceof ClaimValidationRule.RequiredValue r) {
                if (r.claim().isEmpty()) {
                    problems.add(rulePath + ".claim: Required value");
                } else if (required.putIfAbsent(r.claim(), r.requiredValue()) != null) {
                    problems.add(rulePath + ".claim: Duplicate value: '" + UntrustedText.quote(r.claim()) + "'");
                }
            } else if (rule instanceof ClaimValidationRule.Expression e) {
                if (!expressions.add(e.expression())) {
                    problems.add(rulePath + ".expression: Duplicate value: '" + UntrustedText.quote(e.expression()) + "'");
                    continue;
                }
                Expression compiled = compile(e.expression(), rulePath + ".expression", Result.BOOL, false);
                if (compiled != null) {
                    claimRules.add(new Rule(compiled, e.message()));
                    emailVerified |= compiled.selectsClaim("email_verified");
                }
            }
        }
        String mappings = path + ".claimMappings";
        Mapping username = mapping(a.claimMappings().username(), mappings + ".username");
        Mapping groups = a.claimMappings().groups().map(g -> mapping(g, mappings + ".groups")).orElse(null);
        Mapping uid = a.claimMappings().uid().map(u -> mapping(u, mappings + ".uid")).orElse(null);
        Map<String, Expression> extra = new LinkedHashMap<>();
        for (int i = 0; i < a.claimMappings().extra().size(); i++) {
            ExtraMapping mapping = a.claimMappings().extra().get(i);
            String extraPath = mappings + ".extra[" + i + "]";
            if (!extraKey(mapping.key(), extraPath + ".key")) {
                continue;
            }
            if (extra.containsKey(mapping.key())) {
                problems.add(extraPath + ".key: Duplicate value: '" + UntrustedText.quote(mapping.key()) + "'");
                continue;
            }
            if (mapping.valueExpression().isEmpty()) {
                problems.add(extraPath + ".valueExpression: Required value");
                continue;
            }
            Expression compiled = compile(mapping.valueExpression(), extraPath + ".valueExpression", Result.ANY, false);
            if (compiled != null) {
                extra.put(mapping.key(), compiled);
                emailVerified |= compiled.selectsClaim("email_verified");
            }
        }
        if (username != null && username.expression() != null) {
            emailVerified |= username.expression().selectsClaim("email_verified");
            if (username.expression().selectsClaim("email") && !emailVerified) {
                problems.add(mappings + ".username.expression: claims.email_verified must be used in"
                        + " claimMappings.username.expression or claimMappings.extra[*].valueExpression or"
                        + " claimValidationRules[*].expression when claims.email is used in claimMappings.username.expression");
            }
        }
        List<Rule> userRules = new ArrayList<>();
        Set<String> userExpressions = new HashSet<>();
        for (int i = 0; i < a.userValidationRules().size(); i++) {
            UserValidationRule rule = a.userValidationRules().get(i);
            String rulePath = path + ".userValidationRules[" + i + "].expression";
            if (rule.expression().isEmpty()) {
                problems.add(rulePath + ": Required value");
            } else if (!userExpressions.add(rule.expression())) {
                problems.add(rulePath + ": Duplicate value: '" + UntrustedText.quote(rule.expression()) + "'");
            } else {
                Expression compiled = compile(rule.expression(), rulePath, Result.BOOL, true);
                if (compiled != null) {
                    userRules.add(new Rule(compiled, rule.message()));
                }
            }
        }
        return new CompiledAuthenticator(a, trust, required, List.copyOf(claimRules), username, groups, uid, extra,
                List.copyOf(userRules), compiler);
    }

    /** Checks the issuer; returns the TLS context of its certificate authority, or null. */
    private SSLContext issuer(Issuer issuer, String path) {
        url(issuer.url(), path + ".url");
        issuer.discoveryUrl().ifPresent(d -> {
            if (strip(d.toString()).equals(strip(issuer.url().toString()))) {
                problems.add(path + ".discoveryURL: discoveryURL must be different from URL");
            }
            url(d, path + ".discoveryURL");
        });
        List<String> audiences = issuer.audiences();
        if (audiences.isEmpty()) {
            problems.add(path + ".audiences: Required value: at least one audience is required");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < audiences.size(); i++) {
            if (audiences.get(i).isEmpty()) {
                problems.add(path + ".audiences[" + i + "]: Required value");
            } else if (!seen.add(audiences.get(i))) {
                problems.add(path + ".audiences[" + i + "]: Duplicate value: '" + UntrustedText.quote(audiences.get(i)) + "'");
            }
        }
        if (audiences.size() > 1 && issuer.audienceMatchPolicy().orElse(null) != AudienceMatchPolicy.MATCH_ANY) {
            problems.add(path + ".audienceMatchPolicy: audienceMatchPolicy must be MatchAny for multiple audiences");
        }
        if (issuer.certificateAuthority().isEmpty()) {
            return null;
        }
        try {
            return Trust.sslContext(issuer.certificateAuthority().get());
        } catch (IllegalArgumentException e) {
            problems.add(path + ".certificateAuthority: " + e.getMessage());
            return null;
        }
    }

    private void url(URI url, String path) {
        String text = url.toString();
        if (text.isEmpty()) {
            problems.add(path + ": Required value");
            return;
        }
        String shown = url.getHost() == null ? "'" + UntrustedText.quote(url.getScheme() == null ? text : url.getScheme() + ":...") + "'"
                : "'" + UntrustedText.quote(url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                        + (url.getRawPath() == null ? "" : url.getRawPath())) + "'";
        if (!"https".equals(url.getScheme()) || url.getHost() == null) {
            problems.add(path + ": URL scheme must be https, with a host: " + shown);
        }
        if (url.getRawUserInfo() != null) {
            problems.add(path + ": URL must not contain a username or password: " + shown);
        }
        if (url.getRawQuery() != null) {
            problems.add(path + ": URL must not contain a query: " + shown);
        }
        if (url.getRawFragment() != null) {
            problems.add(path + ": URL must not contain a fragment: " + shown);
        }
    }

    private Mapping mapping(ClaimOrExpression mapping, String path) {
        if (mapping instanceof ClaimOrExpression.Claim claim) {
            if (claim.claim().isEmpty()) {
                problems.add(path + ".claim: Required value");
                return null;
            }
            return new Mapping(claim, null);
        }
        Expression compiled = compile(((ClaimOrExpression.Expression) mapping).expression(), path + ".expression", Result.ANY,
                false);
        return compiled == null ? null : new Mapping(null, compiled);
    }

    private boolean extraKey(String key, String path) {
        int slash = key.indexOf('/');
        String domain = slash < 0 ? "" : key.substring(0, slash);
        String rest = slash < 0 ? "" : key.substring(slash + 1);
        if (domain.isEmpty() || rest.isEmpty() || domain.length() > 253 || !SUBDOMAIN.matcher(domain).matches()
                || !HTTP_PATH.matcher(rest).matches()) {
            problems.add(path + ": must be a domain-prefixed path (such as \"acme.io/foo\"), was '" + UntrustedText.quote(key) + "'");
            return false;
        }
        if (!key.equals(key.toLowerCase(Locale.ROOT))) {
            problems.add(path + ": must be lowercase, was '" + UntrustedText.quote(key) + "'");
            return false;
        }
        if (domain.equals("kubernetes.io") || domain.endsWith(".kubernetes.io") || domain.equals("k8s.io")
                || domain.endsWith(".k8s.io")) {
            problems.add(path + ": k8s.io, kubernetes.io and their subdomains are reserved for Kubernetes use");
            return false;
        }
        return true;
    }

    private Expression compile(String text, String path, Result result, boolean overUser) {
        if (compiler == null) {
            compiler = ExpressionCompiler.cel();
        }
        try {
            return overUser ? compiler.compileUser(text, path, result) : compiler.compileClaims(text, path, result);
        } catch (ExpressionException e) {
            problems.add(path + ": Invalid value: '" + UntrustedText.quote(text) + "': " + e.getMessage());
            return null;
        }
    }

    private static String strip(String url) {
        String s = url;
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
