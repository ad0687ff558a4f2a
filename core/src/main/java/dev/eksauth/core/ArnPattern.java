package dev.eksauth.core;

import static dev.eksauth.core.InvalidArnException.Reason.MISSING_PREFIX;
import static dev.eksauth.core.InvalidArnException.Reason.TOO_FEW_SECTIONS;

import java.util.Objects;


/**
 * An ARN pattern with IAM {@code ArnLike} semantics: {@code *} matches any run of characters and
 * {@code ?} any one character, and each of the six colon-separated sections is matched separately,
 * so a wildcard never spans a colon except inside the resource. Matching is case-sensitive and
 * runs in time proportional to pattern length times ARN length, whatever the input.
 * Immutable and thread-safe.
 */
public final class ArnPattern {
    private static final int SECTIONS = 6;

    private final String text;
    private final String[] sections;

    private ArnPattern(String text, String[] sections) {
        this.text = text;
        this.sections = sections;
    }

    /**
     * Compiles a pattern such as {@code arn:aws:iam::*:role/dev-*}.
     *
     * @throws InvalidArnException when the pattern does not start with {@code arn:} or has fewer than
     *     six sections
     */
    public static ArnPattern compile(String pattern) {
        if (pattern == null || !pattern.startsWith("arn:")) {
            throw new InvalidArnException(MISSING_PREFIX,
                    "ARN pattern '" + UntrustedText.quote(pattern) + "' must start with 'arn:'");
        }
        String[] sections = split(pattern);
        if (sections == null) {
            throw new InvalidArnException(TOO_FEW_SECTIONS, "ARN pattern '" + UntrustedText.quote(pattern)
                    + "' has too few sections; expected arn:partition:service:region:account-id:resource");
        }
        return new ArnPattern(pattern, sections);
    }

    /** Whether the ARN matches this pattern. */
    public boolean matches(Arn arn) {
        Objects.requireNonNull(arn, "arn");
        return matches(arn.toString());
    }

    /**
     * Whether the text matches this pattern section by section. Text that is not six sections never
     * matches; it is not parsed as an ARN, so any partition is allowed.
     */
    public boolean matches(String arn) {
        String[] candidate = split(Objects.requireNonNull(arn, "arn"));
        if (candidate == null) {
            return false;
        }
        for (int i = 0; i < SECTIONS; i++) {
            if (!glob(sections[i], candidate[i])) {
                return false;
            }
        }
        return true;
    }

    /** Splits into six sections, the last taking the rest; null when there are fewer. */
    private static String[] split(String text) {
        String[] out = new String[SECTIONS];
        int start = 0;
        for (int i = 0; i < SECTIONS - 1; i++) {
            int colon = text.indexOf(':', start);
            if (colon < 0) {
                return null;
            }
            out[i] = text.substring(start, colon);
            start = colon + 1;
        }
        out[SECTIONS - 1] = text.substring(start);
        return out;
    }

    /** Wildcard match with single-star backtracking: linear in practice, never exponential. */
    static boolean glob(String pattern, String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int starText = 0;
        while (t < text.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                starText = t;
            } else if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
                p++;
                t++;
            } else if (star >= 0) {
                p = star + 1;
                t = ++starText;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    /** The pattern's source text. */
    public String text() {
        return text;
    }

    /** Patterns are equal when their source texts are. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ArnPattern other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** Returns the pattern's source text. */
    @Override
    public String toString() {
        return text;
    }
}
