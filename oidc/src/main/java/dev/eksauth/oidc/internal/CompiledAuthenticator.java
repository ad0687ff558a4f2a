package dev.eksauth.oidc.internal;

import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;

import dev.eksauth.oidc.AuthenticationConfiguration.ClaimOrExpression;
import dev.eksauth.oidc.AuthenticationConfiguration.JwtAuthenticator;

/**
 * A checked JWT authenticator with its expressions compiled and its certificate authority made into
 * a TLS context, ready for {@link JwtRules} and the issuer's keys. Immutable.
 *
 * @param model the authenticator as configured
 * @param trust the TLS context trusting the issuer's certificate authority, or null when it has none
 * @param requiredClaims claim validation rules with a required value, in order
 * @param claimRules claim validation expressions, in order
 * @param username the username mapping
 * @param groups the groups mapping, or null
 * @param uid the uid mapping, or null
 * @param extra the extra mappings by key, in order
 * @param userRules user validation expressions, in order
 * @param expressions the compiler that made the expressions and prepares their variables, or null
 *     when the configuration needed none so far (then this authenticator has no expression, and CEL
 *     is not loaded)
 */
public record CompiledAuthenticator(JwtAuthenticator model, SSLContext trust,
        Map<String, String> requiredClaims, List<Rule> claimRules, Mapping username, Mapping groups, Mapping uid,
        Map<String, Expression> extra, List<Rule> userRules, ExpressionCompiler expressions) {

    /** A validation expression and what its refusal says. */
    public record Rule(Expression expression, String message) {
    }

    /**
     * A user attribute from a claim (with its prefix) or an expression: exactly one of
     * {@code claim} and {@code expression} is set.
     */
    public record Mapping(ClaimOrExpression.Claim claim, Expression expression) {
    }
}
