package dev.eksauth.core;

import static dev.eksauth.core.InvalidArnException.Reason.NOT_A_PRINCIPAL;

import java.util.Objects;
import java.util.Optional;


/**
 * An IAM principal read from its ARN, with the canonical ARN that aws-auth mappings are matched
 * against.
 *
 * <p>Canonicalisation follows EKS: an assumed-role session
 * {@code arn:P:sts::A:assumed-role/NAME/SESSION} becomes its role {@code arn:P:iam::A:role/NAME}
 * (segments between {@code assumed-role/} and the session are kept as the role's path and name);
 * roles, users, the root user and federated users are already canonical. Anything else is not a
 * principal. Canonicalising a canonical ARN gives it back unchanged. Immutable and thread-safe.
 *
 * @param arn the ARN as given
 * @param type what kind of principal it is
 * @param canonicalArn the canonical ARN (equal to {@code arn} except for assumed roles)
 * @param name the role, user or federated user name; the account id for the root user
 * @param path the IAM path between the resource type and the name, e.g. {@code team/dev/}; empty
 *     when there is none
 * @param sessionName the session name of an assumed role
 */
public record Principal(Arn arn, PrincipalType type, Arn canonicalArn, String name, String path,
        Optional<String> sessionName) {

    /** Checks that no component is null. */
    public Principal {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(canonicalArn, "canonicalArn");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sessionName, "sessionName");
    }

    /**
     * Parses an ARN and reads the principal it names.
     *
     * @throws InvalidArnException when the text is not an ARN or the ARN is not an IAM principal
     */
    public static Principal parse(String arn) {
        return of(Arn.parse(arn));
    }

    /**
     * Reads the principal an ARN names.
     *
     * @throws InvalidArnException when the ARN is not an IAM role, user, root user, federated user
     *     or assumed role
     */
    public static Principal of(Arn arn) {
        String resource = arn.resource();
        switch (arn.service()) {
            case "iam":
                if (resource.equals("root")) {
                    return new Principal(arn, PrincipalType.ROOT, arn, arn.accountId(), "", Optional.empty());
                }
                if (resource.startsWith("role/")) {
                    return named(arn, PrincipalType.ROLE, resource.substring("role/".length()), arn);
                }
                if (resource.startsWith("user/")) {
                    return named(arn, PrincipalType.USER, resource.substring("user/".length()), arn);
                }
                break;
            case "sts":
                if (resource.startsWith("federated-user/")) {
                    return named(arn, PrincipalType.FEDERATED_USER,
                            resource.substring("federated-user/".length()), arn);
                }
                if (resource.startsWith("assumed-role/")) {
                    return assumedRole(arn, resource.substring("assumed-role/".length()));
                }
                break;
            default:
                break;
        }
        throw notAPrincipal(arn, "expected an iam role, user or root, or an sts assumed-role or federated-user");
    }

    /**
     * The canonical ARN without the role's path: {@code arn:P:iam::A:role/NAME}. IAM role names are
     * unique in an account whatever their path, so this names the same role. For principals other
     * than roles and assumed roles it is the canonical ARN.
     */
    public Arn pathlessArn() {
        if (path.isEmpty() || (type != PrincipalType.ROLE && type != PrincipalType.ASSUMED_ROLE)) {
            return canonicalArn;
        }
        return new Arn(canonicalArn.partition(), "iam", "", canonicalArn.accountId(), "role/" + name);
    }

    /** The account id the principal belongs to. */
    public String accountId() {
        return arn.accountId();
    }

    private static Principal named(Arn arn, PrincipalType type, String pathAndName, Arn canonical) {
        int slash = pathAndName.lastIndexOf('/');
        String name = pathAndName.substring(slash + 1);
        if (name.isEmpty()) {
            throw notAPrincipal(arn, "the " + type.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                    + " name must not be empty");
        }
        String path = pathAndName.substring(0, slash + 1);
        return new Principal(arn, type, canonical, name, path, Optional.empty());
    }

    private static Principal assumedRole(Arn arn, String rest) {
        int lastSlash = rest.lastIndexOf('/');
        if (lastSlash <= 0 || lastSlash == rest.length() - 1) {
            throw notAPrincipal(arn, "an assumed role must be assumed-role/ROLE/SESSION");
        }
        String roleWithPath = rest.substring(0, lastSlash);
        String session = rest.substring(lastSlash + 1);
        Arn role = new Arn(arn.partition(), "iam", "", arn.accountId(), "role/" + roleWithPath);
        Principal asRole = named(arn, PrincipalType.ROLE, roleWithPath, role);
        return new Principal(arn, PrincipalType.ASSUMED_ROLE, role, asRole.name(), asRole.path(),
                Optional.of(session));
    }

    private static InvalidArnException notAPrincipal(Arn arn, String expected) {
        return new InvalidArnException(NOT_A_PRINCIPAL,
                "ARN '" + UntrustedText.quote(arn.toString()) + "' is not an IAM principal: " + expected);
    }
}
