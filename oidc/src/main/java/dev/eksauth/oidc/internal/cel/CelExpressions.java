package dev.eksauth.oidc.internal.cel;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import dev.cel.common.values.NullValue;
import dev.cel.extensions.CelExtensions;
import dev.cel.extensions.CelOptionalLibrary;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;

import dev.eksauth.core.KubernetesUser;
import dev.eksauth.core.UntrustedText;
import dev.eksauth.oidc.internal.Expression;
import dev.eksauth.oidc.internal.ExpressionCompiler;
import dev.eksauth.oidc.internal.ExpressionException;

/**
 * The CEL environments of an authentication configuration, with Google's CEL for Java: {@code claims}
 * as {@code map(string, dyn)} and {@code user} as a {@code kubernetes.UserInfo} object type (type-checked
 * field by field, evaluated over a map). Both have CEL's standard functions and macros, optional
 * values ({@code claims.?email_verified.orValue(true)}), and the strings, sets, lists, math, regex,
 * encoders and bindings extensions. Kubernetes' own libraries (URL, IP, CIDR, quantity, semver,
 * format, authorizer) are not available: an expression that uses them does not compile.
 *
 * <p>The cost limit: CEL for Java has no cost estimator like cel-go's, so each evaluation may run at
 * most {@link #MAX_ITERATIONS} comprehension iterations in all (what makes an expression expensive on
 * a bounded token); regular expressions run in linear time (RE2/J). Built once; thread-safe.
 */
public final class CelExpressions implements ExpressionCompiler {
    /** Comprehension iterations one evaluation may run, counted over all its macros. */
    public static final int MAX_ITERATIONS = 10_000;

    private static final StructType USER_INFO = StructType.create("kubernetes.UserInfo",
            ImmutableSet.of("username", "uid", "groups", "extra"), field -> switch (field) {
                case "username", "uid" -> Optional.of(SimpleType.STRING);
                case "groups" -> Optional.of(ListType.create(SimpleType.STRING));
                case "extra" -> Optional.of(MapType.create(SimpleType.STRING, ListType.create(SimpleType.STRING)));
                default -> Optional.empty();
            });

    private static final class Holder {
        static final CelExpressions INSTANCE = new CelExpressions();
    }

    private final Cel claims;
    private final Cel user;

    private CelExpressions() {
        CelOptions options = CelOptions.current()
                .enableOptionalSyntax(true)
                .comprehensionMaxIterations(MAX_ITERATIONS)
                .build();
        this.claims = environment(options).addVar("claims", MapType.create(SimpleType.STRING, SimpleType.DYN)).build();
        this.user = environment(options).setTypeProvider(new UserInfoTypes()).addVar("user", USER_INFO).build();
    }

    /** The shared instance; the first call builds the environments. */
    public static CelExpressions instance() {
        return Holder.INSTANCE;
    }

    private static dev.cel.bundle.CelBuilder environment(CelOptions options) {
        return CelFactory.standardCelBuilder()
                .setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addCompilerLibraries(CelOptionalLibrary.INSTANCE, CelExtensions.strings(), CelExtensions.sets(options),
                        CelExtensions.lists(), CelExtensions.math(options), CelExtensions.regex(),
                        CelExtensions.encoders(options), CelExtensions.bindings())
                .addRuntimeLibraries(CelOptionalLibrary.INSTANCE, CelExtensions.strings(), CelExtensions.sets(options),
                        CelExtensions.lists(), CelExtensions.math(options), CelExtensions.regex(),
                        CelExtensions.encoders(options));
    }

    @Override
    public Expression compileClaims(String text, String field, Result result) throws ExpressionException {
        return compile(claims, text, field, result);
    }

    @Override
    public Expression compileUser(String text, String field, Result result) throws ExpressionException {
        return compile(user, text, field, result);
    }

    private static Expression compile(Cel cel, String text, String field, Result result) throws ExpressionException {
        CelValidationResult compiled = cel.compile(text);
        if (compiled.hasError()) {
            String errors = compiled.getErrorString();
            int newline = errors.indexOf('\n');
            throw new ExpressionException("compilation failed: "
                    + UntrustedText.quote(newline < 0 ? errors : errors.substring(0, newline)));
        }
        try {
            CelAbstractSyntaxTree ast = compiled.getAst();
            if (result == Result.BOOL && !ast.getResultType().equals(SimpleType.BOOL)) {
                throw new ExpressionException("must evaluate to bool, is " + ast.getResultType().name());
            }
            return new CelExpression(field, text, cel.createProgram(ast), ast);
        } catch (CelValidationException | CelEvaluationException e) {
            throw new ExpressionException("compilation failed: " + UntrustedText.quote(e.getMessage()));
        }
    }

    @Override
    public Map<String, Object> claims(Map<String, Object> json) {
        return Map.of("claims", value(json));
    }

    @Override
    public Map<String, Object> user(KubernetesUser u) {
        return Map.of("user", Map.of("username", u.username(), "uid", u.uid(), "groups", u.groups(), "extra", u.extra()));
    }

    /** A JSON value as CEL for Java takes it: integers as Long, decimals as Double, null as NullValue. */
    private static Object value(Object json) {
        if (json == null) {
            return NullValue.NULL_VALUE;
        }
        if (json instanceof Integer || json instanceof Short || json instanceof Byte) {
            return ((Number) json).longValue();
        }
        if (json instanceof Float f) {
            return f.doubleValue();
        }
        if (json instanceof BigInteger b) {
            return b.bitLength() < 64 ? (Object) b.longValue() : b.doubleValue();
        }
        if (json instanceof BigDecimal d) {
            return d.doubleValue();
        }
        if (json instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), value(v)));
            return out;
        }
        if (json instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(value(v)));
            return out;
        }
        return json;
    }

    /** Back from CEL: NullValue as null, lists element by element. */
    static Object plain(Object cel) {
        if (cel instanceof NullValue) {
            return null;
        }
        if (cel instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(plain(v)));
            return out;
        }
        return cel;
    }

    private static final class UserInfoTypes implements CelTypeProvider {
        @Override
        public ImmutableList<CelType> types() {
            return ImmutableList.of(USER_INFO);
        }

        @Override
        public Optional<CelType> findType(String name) {
            return USER_INFO.name().equals(name) ? Optional.of(USER_INFO) : Optional.empty();
        }
    }

    /** One compiled expression. */
    private static final class CelExpression implements Expression {
        private final String field;
        private final String text;
        private final CelRuntime.Program program;
        private final CelAbstractSyntaxTree ast;

        CelExpression(String field, String text, CelRuntime.Program program, CelAbstractSyntaxTree ast) {
            this.field = field;
            this.text = text;
            this.program = program;
            this.ast = ast;
        }

        @Override
        public String field() {
            return field;
        }

        @Override
        public String text() {
            return text;
        }

        @Override
        public Object evaluate(Map<String, Object> variables) throws ExpressionException {
            try {
                return plain(program.eval(variables));
            } catch (CelEvaluationException e) {
                throw new ExpressionException(UntrustedText.quote(e.getMessage()));
            } catch (RuntimeException e) {
                // A defect in an extension must refuse the token, not crash the caller.
                throw new ExpressionException("evaluation failed: " + e.getClass().getSimpleName());
            }
        }

        @Override
        public boolean selectsClaim(String name) {
            return ClaimSelections.selects(ast, "claims", name);
        }
    }
}
