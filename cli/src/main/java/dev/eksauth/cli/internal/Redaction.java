package dev.eksauth.cli.internal;

import java.util.regex.Pattern;

/**
 * Hides what an error message may quote from the command line and must not show: EKS tokens,
 * JWTs, the secret of a {@code fake-sts} identity, and any other long opaque string. Loaded only
 * when a command fails. Thread-safe. Not public API.
 */
final class Redaction {
    private static final Pattern EKS_TOKEN = Pattern.compile("k8s-aws-v1\\.[A-Za-z0-9_=-]*");
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_=-]*(\\.[A-Za-z0-9_=-]*)*");
    private static final Pattern IDENTITY_SECRET = Pattern.compile("([A-Z0-9]{4,128}):[^:\\s']+:arn:");
    private static final Pattern OPAQUE = Pattern.compile("[A-Za-z0-9+_=.-]{64,}");

    private Redaction() {
    }

    /** The message with every secret-looking part replaced by {@code (redacted)}. */
    static String redact(String message) {
        String out = EKS_TOKEN.matcher(message).replaceAll("k8s-aws-v1.(redacted)");
        out = JWT.matcher(out).replaceAll("(redacted JWT)");
        out = IDENTITY_SECRET.matcher(out).replaceAll("$1:(redacted):arn:");
        return OPAQUE.matcher(out).replaceAll("(redacted)");
    }
}
