package dev.eksauth.authz;

import java.util.Objects;

/**
 * Something wrong in an RBAC manifest or an access-entries document, with where it is. Errors drop
 * what they name (what the API server or EKS would refuse); warnings keep it. Immutable and
 * thread-safe.
 *
 * @param severity whether the object was dropped
 * @param location where, e.g. {@code roles.yaml#2 items[3] (ClusterRole view)} or {@code accessEntries[1]}
 * @param message what was wrong and what was expected
 */
public record AuthzProblem(Severity severity, String location, String message) {

    /** Whether a problem dropped what it names. */
    public enum Severity {
        /** The object was dropped. */
        ERROR,
        /** The object was kept, but probably does not say what its author meant. */
        WARNING
    }

    /** Checks the components. */
    public AuthzProblem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }

    /** An error. */
    public static AuthzProblem error(String location, String message) {
        return new AuthzProblem(Severity.ERROR, location, message);
    }

    /** A warning. */
    public static AuthzProblem warning(String location, String message) {
        return new AuthzProblem(Severity.WARNING, location, message);
    }

    /** E.g. {@code ERROR roles.yaml#1: ClusterRole view: rules[0] needs at least one verb}. */
    @Override
    public String toString() {
        return severity + " " + location + ": " + message;
    }
}
