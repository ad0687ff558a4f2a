package dev.eksauth.authz;

import java.util.Objects;
import java.util.Optional;

/**
 * One finding of an {@link RbacAudit}: a subject or an IAM principal that holds a sensitive right,
 * where, and through what. Immutable and thread-safe.
 *
 * @param check the right
 * @param scope {@code cluster}, {@code namespace NAME}, or an access policy's namespace scope
 * @param subject the RBAC subject, for a grant through a binding
 * @param principal the IAM principal (ARN or pattern) behind it, when mappings name one
 * @param source the mapping that names the principal, e.g. {@code mapRoles[0]}
 * @param grant the binding and role, or access entry and policy, and the rule
 */
public record AuditFinding(RbacAudit.Check check, String scope, Optional<Subject> subject, Optional<String> principal,
        Optional<String> source, Grant grant) {
    /** Checks the components. */
    public AuditFinding {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(grant, "grant");
    }
}
