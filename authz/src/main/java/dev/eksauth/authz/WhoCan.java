package dev.eksauth.authz;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may make a request: the RBAC subjects (with the binding and role that grant it, and
 * {@code system:masters}) and the IAM principals that become them or hold an access policy that
 * allows it. Lists are copied and unmodifiable. Immutable and thread-safe.
 *
 * @param request the request asked about
 * @param subjects each subject with one grant that allows it, in binding order
 * @param principals each IAM principal (ARN or pattern) with how it is allowed
 */
public record WhoCan(AccessRequest request, List<SubjectGrant> subjects, List<PrincipalGrant> principals) {

    /** Checks and copies the components. */
    public WhoCan {
        Objects.requireNonNull(request, "request");
        subjects = List.copyOf(subjects);
        principals = List.copyOf(principals);
    }

    /**
     * An RBAC subject allowed by a grant.
     *
     * @param subject the subject; a RoleBinding's service account carries the binding's namespace
     * @param grant the binding, role and rule
     */
    public record SubjectGrant(Subject subject, Grant grant) {
        /** Checks the components. */
        public SubjectGrant {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(grant, "grant");
        }
    }

    /**
     * An IAM principal that is allowed, and how.
     *
     * @param principal the ARN or ARN pattern
     * @param source the mapping that names it, e.g. {@code mapRoles[1]} or {@code accessEntries[0]}
     * @param becomes the subject its username or groups match; empty for an access-policy grant
     * @param grant the grant
     */
    public record PrincipalGrant(String principal, String source, Optional<Subject> becomes, Grant grant) {
        /** Checks the components. */
        public PrincipalGrant {
            Objects.requireNonNull(principal, "principal");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(becomes, "becomes");
            Objects.requireNonNull(grant, "grant");
        }
    }
}
