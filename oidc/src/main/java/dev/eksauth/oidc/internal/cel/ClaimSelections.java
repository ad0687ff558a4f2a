package dev.eksauth.oidc.internal.cel;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelExpr.ExprKind.Kind;
import dev.cel.common.navigation.CelNavigableAst;

/**
 * Whether an expression selects a field of a variable: {@code claims.email}, {@code has(claims.email)}
 * or {@code claims.?email}, anywhere in it, as kube-apiserver looks for {@code claims.email} and
 * {@code claims.email_verified}. Stateless.
 */
final class ClaimSelections {
    private static final String OPTIONAL_SELECT = "_?._";

    private ClaimSelections() {
    }

    static boolean selects(CelAbstractSyntaxTree ast, String variable, String field) {
        return CelNavigableAst.fromAst(ast).getRoot().allNodes().map(node -> node.expr()).anyMatch(e -> {
            if (e.getKind() == Kind.SELECT) {
                return e.select().field().equals(field) && isIdent(e.select().operand(), variable);
            }
            if (e.getKind() == Kind.CALL && e.call().function().equals(OPTIONAL_SELECT) && e.call().args().size() == 2) {
                CelExpr name = e.call().args().get(1);
                return isIdent(e.call().args().get(0), variable) && name.getKind() == Kind.CONSTANT
                        && name.constant().getKind() == CelConstant.Kind.STRING_VALUE
                        && name.constant().stringValue().equals(field);
            }
            return false;
        });
    }

    private static boolean isIdent(CelExpr e, String name) {
        return e.getKind() == Kind.IDENT && e.ident().name().equals(name);
    }
}
