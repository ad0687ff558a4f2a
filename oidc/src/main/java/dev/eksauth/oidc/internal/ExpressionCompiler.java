package dev.eksauth.oidc.internal;

import java.util.Map;

import dev.eksauth.core.KubernetesUser;

/**
 * Compiles the expressions of an authentication configuration and prepares their variables, as
 * kube-apiserver exposes them: {@code claims}, a map from claim name to any JSON value, and
 * {@code user}, a {@code kubernetes.UserInfo} with {@code username}, {@code uid}, {@code groups}
 * and {@code extra}. Thread-safe.
 */
public interface ExpressionCompiler {
    /** What an expression must evaluate to. */
    enum Result {
        /** Anything; the caller checks the value. */
        ANY,
        /** {@code bool}, checked when compiled. */
        BOOL
    }

    /**
     * Compiles an expression over {@code claims}.
     *
     * @throws ExpressionException when it does not parse or type-check, or is not of the result type
     */
    Expression compileClaims(String text, String field, Result result) throws ExpressionException;

    /** Compiles an expression over {@code user}; see {@link #compileClaims}. */
    Expression compileUser(String text, String field, Result result) throws ExpressionException;

    /** The variables for claims expressions, made once per token from its JSON claims. */
    Map<String, Object> claims(Map<String, Object> json);

    /** The variables for user expressions. */
    Map<String, Object> user(KubernetesUser user);

    /** The CEL compiler, built on first use (loading CEL's classes). */
    static ExpressionCompiler cel() {
        return dev.eksauth.oidc.internal.cel.CelExpressions.instance();
    }
}
