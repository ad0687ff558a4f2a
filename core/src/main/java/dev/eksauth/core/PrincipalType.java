package dev.eksauth.core;

/** The kind of IAM principal an ARN names. */
public enum PrincipalType {
    /** An IAM role, {@code arn:P:iam::A:role/[PATH/]NAME}. */
    ROLE,
    /** An assumed-role session, {@code arn:P:sts::A:assumed-role/NAME/SESSION}. */
    ASSUMED_ROLE,
    /** An IAM user, {@code arn:P:iam::A:user/[PATH/]NAME}. */
    USER,
    /** The account root user, {@code arn:P:iam::A:root}. */
    ROOT,
    /** A federated user session, {@code arn:P:sts::A:federated-user/NAME}. */
    FEDERATED_USER
}
