package dev.eksauth.oidc.internal;

import static dev.eksauth.oidc.InvalidOidcTokenException.Reason.CLAIM_VALIDATION;
import static dev.eksauth.oidc.InvalidOidcTokenException.Reason.EMAIL_NOT_VERIFIED;
import static dev.eksauth.oidc.InvalidOidcTokenException.Reason.EXPIRED;
import static dev.eksauth.oidc.InvalidOidcTokenException.Reason.EXPRESSION;
import static dev.eksauth.oidc.InvalidOidcTokenException.Reason.GROUPS_CLAIM;
import static dev.eksauth.oidc.InvalidOidcTokenException.Reason.NOT_YET_VALID;
import static dev.eksauth.oidc.InvalidOidcTokenException.Reason.REQUIRED_CLAIM;
import static dev.eksauth.oidc.InvalidOidcTokenException.Reason.SYSTEM_NAME;
import static dev.eksauth.oidc.InvalidOidcTokenException.Reason.UID_CLAIM;
import static dev.eksauth.oidc.InvalidOidcTokenException.Reason.USERNAME_CLAIM;
import static dev.eksauth.oidc.InvalidOidcTokenException.Reason.USER_VALIDATION;
import static dev.eksauth.oidc.InvalidOidcTokenException.Reason.WRONG_AUDIENCE;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;

import dev.eksauth.core.KubernetesUser;
import dev.eksauth.core.UntrustedText;
import dev.eksauth.oidc.InvalidOidcTokenException;
import dev.eksauth.oidc.OidcIdentity;
import dev.eksauth.oidc.SystemNames;
import dev.eksauth.oidc.internal.CompiledAuthenticator.Mapping;
import dev.eksauth.oidc.internal.CompiledAuthenticator.Rule;

/**
 * A JWT authenticator's rules, applied to the claims of a token whose issuer and signature were
 * verified, as kube-apiserver applies them: audience, {@code exp} and {@code nbf}, required claims,
 * claim validation expressions, the username, groups, uid and extra mappings, eksauth's
 * {@code system:} rule, and user validation expressions. {@code iat} is not checked. Claims are
 * handed to CEL only when one of the authenticator's expressions reads them. Immutable and thread-safe.
 */
public final class JwtRules {
    private static final String SYSTEM = "system:";

    /**
     * Settings beside the authenticator.
     *
     * @param skew how far in the future {@code nbf} may be
     * @param clock the clock for {@code exp} and {@code nbf}
     * @param systemNames whether a username or group may start with {@code system:}
     * @param fixedExtra extra values every user gets (an EKS identity provider's issuer)
     */
    public record Options(Duration skew, Clock clock, SystemNames systemNames, Map<String, List<String>> fixedExtra) {
    }

    private final CompiledAuthenticator a;
    private final URI issuer;
    private final List<String> audiences;
    private final Options options;
    /** Whether an expression reads {@code claims}: only then are a token's claims converted for CEL. */
    private final boolean claimExpressions;

    public JwtRules(CompiledAuthenticator authenticator, Options options) {
        this.a = authenticator;
        this.issuer = authenticator.model().issuer().url();
        this.audiences = authenticator.model().issuer().audiences();
        this.options = options;
        this.claimExpressions = !a.claimRules().isEmpty() || !a.extra().isEmpty() || isExpression(a.username())
                || isExpression(a.groups()) || isExpression(a.uid());
    }

    private static boolean isExpression(Mapping mapping) {
        return mapping != null && mapping.expression() != null;
    }

    /**
     * Applies the rules and maps the claims to a Kubernetes user.
     *
     * @throws InvalidOidcTokenException when a rule is broken or an expression fails
     */
    public OidcIdentity identity(JWTClaimsSet claims) {
        List<String> aud = claims.getAudience();
        if (audiences.stream().noneMatch(aud::contains)) {
            throw refused(WRONG_AUDIENCE, audiences.size() == 1
                    ? "aud does not contain the client id '" + audiences.get(0) + "'"
                    : "aud contains none of the audiences " + audiences);
        }
        Instant now = options.clock().instant();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw refused(EXPIRED, "the token has no exp");
        }
        if (!now.isBefore(exp.toInstant())) {
            throw refused(EXPIRED, "the token expired at " + exp.toInstant() + "; it is " + now);
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nbf.toInstant().isAfter(now.plus(options.skew()))) {
            throw refused(NOT_YET_VALID, "the token is not valid before " + nbf.toInstant() + "; it is " + now);
        }
        a.requiredClaims().forEach((key, value) -> {
            if (!value.equals(claims.getClaim(key))) {
                throw refused(REQUIRED_CLAIM, "required claim '" + UntrustedText.quote(key) + "' is "
                        + (claims.getClaim(key) == null ? "missing" : "not '" + UntrustedText.quote(value) + "'"));
            }
        });
        Map<String, Object> json = claims.toJSONObject();
        Map<String, Object> variables = claimExpressions ? a.expressions().claims(json) : null;
        for (Rule rule : a.claimRules()) {
            check(rule, variables, CLAIM_VALIDATION);
        }
        KubernetesUser user = new KubernetesUser(username(claims, variables), uid(claims, variables),
                groups(claims, variables), extra(variables));
        if (options.systemNames() == SystemNames.REFUSE) {
            refuseSystemNames(user);
        }
        if (!a.userRules().isEmpty()) {
            Map<String, Object> userVariables = a.expressions().user(user);
            for (Rule rule : a.userRules()) {
                check(rule, userVariables, USER_VALIDATION);
            }
        }
        String subject = claims.getClaim("sub") instanceof String s ? s : "";
        return new OidcIdentity(user, issuer, subject, exp.toInstant(), json);
    }

    private String username(JWTClaimsSet claims, Map<String, Object> variables) {
        Mapping mapping = a.username();
        if (mapping.expression() != null) {
            if (!(evaluate(mapping.expression(), variables) instanceof String username)) {
                throw refused(EXPRESSION, mapping.expression().field() + " must return a string");
            }
            if (username.isEmpty()) {
                throw refused(USERNAME_CLAIM, mapping.expression().field() + " returned an empty username");
            }
            return username;
        }
        String claim = mapping.claim().claim();
        Object value = claims.getClaim(claim);
        if (!(value instanceof String username) || username.isEmpty()) {
            throw refused(USERNAME_CLAIM, "username claim '" + UntrustedText.quote(claim) + "' is "
                    + (value == null ? "missing" : "not a non-empty string"));
        }
        if ("email".equals(claim)) {
            Object verified = claims.getClaim("email_verified");
            if (verified != null && !Boolean.TRUE.equals(verified)) {
                throw refused(EMAIL_NOT_VERIFIED, "email_verified is present and not true");
            }
        }
        return mapping.claim().prefix() + username;
    }

    private List<String> groups(JWTClaimsSet claims, Map<String, Object> variables) {
        Mapping mapping = a.groups();
        if (mapping == null) {
            return List.of();
        }
        if (mapping.expression() != null) {
            return strings(mapping.expression(), evaluate(mapping.expression(), variables));
        }
        String claim = mapping.claim().claim();
        String prefix = mapping.claim().prefix();
        Object value = claims.getClaim(claim);
        if (value == null) {
            return List.of();
        }
        if (value instanceof String group) {
            return List.of(prefix + group);
        }
        if (value instanceof List<?> list) {
            List<String> groups = new ArrayList<>(list.size());
            for (Object element : list) {
                if (!(element instanceof String group)) {
                    throw refused(GROUPS_CLAIM, "groups claim '" + UntrustedText.quote(claim) + "' holds a value that is not a string");
                }
                groups.add(prefix + group);
            }
            return groups;
        }
        throw refused(GROUPS_CLAIM, "groups claim '" + UntrustedText.quote(claim) + "' is neither a string nor an array of strings");
    }

    private String uid(JWTClaimsSet claims, Map<String, Object> variables) {
        Mapping mapping = a.uid();
        if (mapping == null) {
            return "";
        }
        if (mapping.expression() != null) {
            if (!(evaluate(mapping.expression(), variables) instanceof String uid)) {
                throw refused(EXPRESSION, mapping.expression().field() + " must return a string");
            }
            return uid;
        }
        Object value = claims.getClaim(mapping.claim().claim());
        if (!(value instanceof String uid)) {
            throw refused(UID_CLAIM, "uid claim '" + UntrustedText.quote(mapping.claim().claim()) + "' is "
                    + (value == null ? "missing" : "not a string"));
        }
        return uid;
    }

    private Map<String, List<String>> extra(Map<String, Object> variables) {
        if (a.extra().isEmpty()) {
            return options.fixedExtra();
        }
        Map<String, List<String>> extra = new LinkedHashMap<>(options.fixedExtra());
        a.extra().forEach((key, expression) -> {
            List<String> values = strings(expression, evaluate(expression, variables));
            if (!values.isEmpty()) {
                extra.put(key, values);
            }
        });
        return extra;
    }

    private void refuseSystemNames(KubernetesUser user) {
        if (user.username().startsWith(SYSTEM)) {
            throw refused(SYSTEM_NAME, "username '" + UntrustedText.quote(user.username())
                    + "' starts with system:, which is reserved for Kubernetes (allow it with SystemNames.ALLOW)");
        }
        for (String group : user.groups()) {
            if (group.startsWith(SYSTEM)) {
                throw refused(SYSTEM_NAME, "group '" + UntrustedText.quote(group)
                        + "' starts with system:, which is reserved for Kubernetes (allow it with SystemNames.ALLOW)");
            }
        }
    }

    private static void check(Rule rule, Map<String, Object> variables, InvalidOidcTokenException.Reason reason) {
        Object result = evaluate(rule.expression(), variables);
        if (!(result instanceof Boolean ok)) {
            throw refused(EXPRESSION, rule.expression().field() + " must return a boolean");
        }
        if (!ok) {
            throw refused(reason, "validation expression '" + UntrustedText.quote(rule.expression().text()) + "' failed"
                    + (rule.message().isEmpty() ? "" : ": " + UntrustedText.quote(rule.message())));
        }
    }

    private static Object evaluate(Expression expression, Map<String, Object> variables) {
        try {
            return expression.evaluate(variables);
        } catch (ExpressionException e) {
            throw refused(EXPRESSION, expression.field() + " failed: " + e.getMessage());
        }
    }

    /** A string or list of strings as kube-apiserver reads it: empty strings and null are nothing. */
    private static List<String> strings(Expression expression, Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof String s) {
            return s.isEmpty() ? List.of() : List.of(s);
        }
        if (value instanceof List<?> list) {
            List<String> out = new ArrayList<>(list.size());
            for (Object element : list) {
                if (!(element instanceof String s)) {
                    throw refused(EXPRESSION, expression.field() + " must return a string or a list of strings");
                }
                if (!s.isEmpty()) {
                    out.add(s);
                }
            }
            return out;
        }
        throw refused(EXPRESSION, expression.field() + " must return a string or a list of strings");
    }

    private static InvalidOidcTokenException refused(InvalidOidcTokenException.Reason reason, String message) {
        return new InvalidOidcTokenException(reason, message);
    }
}
