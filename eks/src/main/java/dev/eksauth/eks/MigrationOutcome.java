package dev.eksauth.eks;

import java.util.Objects;

/**
 * What applying a {@link MigrationPlan} did with one planned access entry. Immutable and thread-safe.
 *
 * @param principalArn the entry's principal
 * @param result created, left alone, or in conflict
 * @param detail for a conflict, how the existing entry differs; else empty
 */
public record MigrationOutcome(String principalArn, Result result, String detail) {
    /** What was done. */
    public enum Result {
        /** The entry was created and its policies associated. */
        CREATED,
        /** The entry exists and matches the plan: left alone. */
        UNCHANGED,
        /** The entry exists and differs from the plan: reported, left alone. */
        CONFLICT
    }

    /** Checks the components. */
    public MigrationOutcome {
        Objects.requireNonNull(principalArn, "principalArn");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(detail, "detail");
    }
}
