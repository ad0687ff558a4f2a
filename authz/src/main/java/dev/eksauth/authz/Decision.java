package dev.eksauth.authz;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to "may this user do this?", with why: the grant that allows it, or what was looked at
 * and did not. Immutable and thread-safe.
 *
 * @param grant what allows the request; empty when nothing does
 * @param reasons the explanation, one sentence per line, the deciding one first
 */
public record Decision(Optional<Grant> grant, List<String> reasons) {
    /** Checks and copies the components. */
    public Decision {
        Objects.requireNonNull(grant, "grant");
        reasons = List.copyOf(reasons);
    }

    /** A decision that allows, explained by its grant. */
    static Decision allowedBy(Grant grant) {
        return new Decision(Optional.of(grant), List.of(grant.toString()));
    }

    /** Whether the request is allowed. */
    public boolean allowed() {
        return grant.isPresent();
    }

    /** {@code yes} or {@code no}, as {@code kubectl auth can-i} prints it. */
    public String answer() {
        return allowed() ? "yes" : "no";
    }
}
