package dev.eksauth.mapping;

/**
 * How {@link AwsAuthMapper} matches a {@code mapRoles} entry whose {@code rolearn} is written with a
 * path, e.g. {@code arn:aws:iam::111122223333:role/team/dev/Deployer}. STS reports an assumed-role
 * session without the role's path ({@code assumed-role/Deployer/SESSION}), so such an entry never
 * matches in EKS, whose User Guide says that aws-auth role ARNs cannot include a path.
 */
public enum RoleArnMatching {
    /**
     * As EKS: an entry written with a path matches only the canonical ARN written the same way,
     * which no STS session carries.
     */
    STRICT_AS_EKS,
    /**
     * eksauth's reading: IAM role names are unique in an account whatever their path, so an entry
     * written with a path also matches the path-less role of a session. The Go authenticator does
     * not do this (its issue 268).
     */
    LENIENT
}
