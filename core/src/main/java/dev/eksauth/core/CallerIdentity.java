package dev.eksauth.core;

import java.util.Objects;
import java.util.Optional;


/**
 * Who signed a token, as STS answered GetCallerIdentity, with the principal read from the ARN.
 *
 * <p>For an assumed role STS reports the user id as {@code ROLEID:SESSION}; {@link #of} splits it
 * into {@link #userId()} and {@link #sessionName()}. For users, the root user and federated users the
 * whole user id is kept. Immutable and thread-safe. Holds no secret: the access key id is an
 * identifier, not a credential.
 *
 * @param principal the principal, with its ARN and canonical ARN
 * @param accountId the account id STS reported
 * @param userId the unique id of the principal (for an assumed role, the role id alone)
 * @param sessionName the session name of an assumed role
 * @param accessKeyId the access key id that signed the request
 * @param stsEndpoint the STS host that answered, e.g. {@code sts.us-west-2.amazonaws.com}
 */
public record CallerIdentity(Principal principal, String accountId, String userId, Optional<String> sessionName,
        String accessKeyId, String stsEndpoint) {

    /** Checks that no component is null. */
    public CallerIdentity {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(sessionName, "sessionName");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(stsEndpoint, "stsEndpoint");
    }

    /**
     * Builds an identity from what STS reported.
     *
     * @param arn the {@code Arn} field of the answer
     * @param accountId the {@code Account} field
     * @param stsUserId the {@code UserId} field, {@code ROLEID:SESSION} for assumed roles
     * @param accessKeyId the access key id from the request's credential scope
     * @param stsEndpoint the STS host the request went to
     * @throws InvalidArnException when the ARN is not an IAM principal
     * @throws InvalidIdentityException when the account differs from the ARN's, or an assumed role's
     *     user id is not {@code ROLEID:SESSION} with the ARN's session name
     */
    public static CallerIdentity of(String arn, String accountId, String stsUserId, String accessKeyId,
            String stsEndpoint) {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(stsUserId, "stsUserId");
        Principal principal = Principal.parse(arn);
        if (!principal.accountId().equals(accountId)) {
            throw new InvalidIdentityException("account '" + UntrustedText.quote(accountId)
                    + "' differs from the account of ARN '" + UntrustedText.quote(arn) + "'");
        }
        if (principal.type() != PrincipalType.ASSUMED_ROLE) {
            return new CallerIdentity(principal, accountId, stsUserId, Optional.empty(), accessKeyId, stsEndpoint);
        }
        int colon = stsUserId.indexOf(':');
        if (colon <= 0 || colon == stsUserId.length() - 1) {
            throw new InvalidIdentityException("user id '" + UntrustedText.quote(stsUserId)
                    + "' of an assumed role must be ROLEID:SESSION");
        }
        String session = stsUserId.substring(colon + 1);
        if (!principal.sessionName().orElseThrow().equals(session)) {
            throw new InvalidIdentityException("session '" + UntrustedText.quote(session)
                    + "' in the user id differs from the session of ARN '" + UntrustedText.quote(arn) + "'");
        }
        return new CallerIdentity(principal, accountId, stsUserId.substring(0, colon), Optional.of(session),
                accessKeyId, stsEndpoint);
    }

    /** The ARN STS reported. */
    public Arn arn() {
        return principal.arn();
    }

    /** The canonical ARN that aws-auth mappings match. */
    public Arn canonicalArn() {
        return principal.canonicalArn();
    }

    /** The kind of principal. */
    public PrincipalType principalType() {
        return principal.type();
    }
}
