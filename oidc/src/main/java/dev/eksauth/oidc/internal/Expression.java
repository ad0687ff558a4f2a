package dev.eksauth.oidc.internal;

import java.util.Map;

/**
 * A compiled and type-checked expression of an authentication configuration. Its implementation
 * is in {@code internal.cel}, the only package that uses CEL, so that CEL's classes are loaded only
 * for a configuration that has expressions. Immutable and thread-safe.
 */
public interface Expression {
    /** Where the expression is written, e.g. {@code jwt[0].claimMappings.username.expression}. */
    String field();

    /** The expression's text. */
    String text();

    /**
     * Evaluates the expression.
     *
     * @param variables {@code claims} or {@code user}, as made by {@link ExpressionCompiler}
     * @return a String, Boolean, Long, Double, List or Map, or null for CEL's {@code null}
     * @throws ExpressionException when evaluation fails: a missing key, no matching overload, the
     *     evaluation limit reached
     */
    Object evaluate(Map<String, Object> variables) throws ExpressionException;

    /** Whether the expression selects this field of {@code claims} ({@code claims.x}, {@code claims.?x}, {@code has(claims.x)}). */
    boolean selectsClaim(String name);
}
