package dev.eksauth.mapping;

import java.util.Objects;

/**
 * Something wrong in an aws-auth ConfigMap: which data key, which entry, and what. Errors drop
 * the entry they name; warnings keep it. Immutable and thread-safe.
 *
 * @param severity whether the entry was dropped
 * @param key the data key, e.g. {@code mapRoles}
 * @param index the entry's index in that key's list, or -1 for the key as a whole
 * @param message what was wrong and what was expected
 */
public record AwsAuthProblem(Severity severity, String key, int index, String message) {

    /** Whether a problem dropped what it names. */
    public enum Severity {
        /** The entry (or key) was dropped. */
        ERROR,
        /** The entry was kept, but probably does not say what its author meant. */
        WARNING
    }

    /** Checks the components. */
    public AwsAuthProblem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
    }

    static AwsAuthProblem error(String key, int index, String message) {
        return new AwsAuthProblem(Severity.ERROR, key, index, message);
    }

    static AwsAuthProblem warning(String key, int index, String message) {
        return new AwsAuthProblem(Severity.WARNING, key, index, message);
    }

    /** E.g. {@code mapRoles[2]: rolearn is not an IAM role ARN}. */
    @Override
    public String toString() {
        return severity + " " + key + (index >= 0 ? "[" + index + "]" : "") + ": " + message;
    }
}
