package dev.eksauth.core.internal;

/**
 * Puts untrusted text into error messages. Not public API: it may change without notice.
 */
public final class Texts {
    private static final int MAX_QUOTED = 128;

    private Texts() {
    }

    /**
     * Makes untrusted text safe to show in a message: control characters escaped and the length
     * capped, so a hostile value can neither forge log lines nor flood them. Never pass a secret.
     */
    public static String quote(String s) {
        if (s == null) {
            return "null";
        }
        int shown = Math.min(s.length(), MAX_QUOTED);
        StringBuilder b = new StringBuilder(shown + 16);
        for (int i = 0; i < shown; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (s.length() > MAX_QUOTED) {
            b.append("...(").append(s.length()).append(" chars)");
        }
        return b.toString();
    }
}
