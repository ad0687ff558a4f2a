package dev.eksauth.core;

/**
 * Puts untrusted text (a claim, an ARN from a request, a file name) into an error or log message:
 * control characters are escaped and the length capped, so a hostile value can neither forge log
 * lines nor flood them. Every eksauth module quotes input this way; so can code built on it.
 *
 * <p>Never pass a secret: quoting shortens text, it does not hide it. Stateless and thread-safe.
 */
public final class UntrustedText {
    /** The most characters of a value that a message shows. */
    public static final int MAX_QUOTED = 128;

    private UntrustedText() {
    }

    /**
     * The text made safe to show: control characters as {@code \\uXXXX}, cut after
     * {@link #MAX_QUOTED} characters with the full length noted; {@code null} shows as {@code null}.
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
