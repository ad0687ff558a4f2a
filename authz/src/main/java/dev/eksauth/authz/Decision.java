package dev.eksauth.authz;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to "may this user do this?", with why: the grant that allows it, or what was looked at
 * and did not. Immutable and thread-safe.
 *
 * @param allowed whether the request is allowed
 * @param grant what allows it; empty when it is not allowed
 * @param reasons the explanation, one sentence per line, the deciding one first
 */
public record Decision(boolean allowed, Optional<Grant> grant, List<String> reasons) {
    /** Checks and copies the components. */
    public Decision {
        Objects.requireNonNull(grant, "grant");
        reasons = List.copyOf(reasons);
        if (allowed != grant.isPresent()) {
            throw new IllegalArgumentException("an allowed decision has a grant, a refused one none");
        }
    }

    /** {@code yes} or {@code no}, as {@code kubectl auth can-i} prints it. */
    public String answer() {
        return allowed ? "yes" : "no";
    }
}
