package dev.eksauth.testkit;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import dev.eksauth.core.Arn;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Credentials that {@link FakeSts} knows, and who they belong to. {@link #toString()} shows the
 * access key id and ARN only. Immutable and thread-safe.
 *
 * @param accessKeyId the access key id
 * @param secretAccessKey the secret key; never shown
 * @param sessionToken the session token of temporary credentials; never shown
 * @param arn the principal's ARN, as GetCallerIdentity reports it
 * @param userId the user id as GetCallerIdentity reports it ({@code ROLEID:SESSION} for assumed roles)
 */
public record StsIdentity(String accessKeyId, String secretAccessKey, Optional<String> sessionToken, String arn,
        String userId) {

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException when the ARN does not parse
     */
    public StsIdentity {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(sessionToken, "sessionToken");
        Objects.requireNonNull(userId, "userId");
        try {
            Arn.parse(arn);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** An IAM user with long-term keys, e.g. {@code user("123456789012", "alice")}. */
    public static StsIdentity user(String accountId, String name) {
        return new StsIdentity("AKIA" + random(16), random(40), Optional.empty(),
                "arn:aws:iam::" + accountId + ":user/" + name, "AIDA" + random(17));
    }

    /** An assumed-role session with temporary credentials. */
    public static StsIdentity assumedRole(String accountId, String roleName, String sessionName) {
        return new StsIdentity("ASIA" + random(16), random(40), Optional.of(random(64)),
                "arn:aws:sts::" + accountId + ":assumed-role/" + roleName + "/" + sessionName,
                "AROA" + random(17) + ":" + sessionName);
    }

    /** These credentials as the AWS SDK's credentials (session credentials when there is a token). */
    public AwsCredentials credentials() {
        return sessionToken.isPresent()
                ? AwsSessionCredentials.create(accessKeyId, secretAccessKey, sessionToken.get())
                : AwsBasicCredentials.create(accessKeyId, secretAccessKey);
    }

    /** A provider that always gives {@link #credentials()}. */
    public AwsCredentialsProvider credentialsProvider() {
        return StaticCredentialsProvider.create(credentials());
    }

    /** The account id, from the ARN. */
    public String accountId() {
        return Arn.parse(arn).accountId();
    }

    static String random(int length) {
        StringBuilder b = new StringBuilder(length);
        while (b.length() < length) {
            b.append(UUID.randomUUID().toString().replace("-", "").toUpperCase(java.util.Locale.ROOT));
        }
        return b.substring(0, length);
    }

    /** Shows the access key id and ARN; the secret and session token are redacted. */
    @Override
    public String toString() {
        return "StsIdentity[accessKeyId=" + accessKeyId + ", arn=" + arn + ", userId=" + userId
                + ", secretAccessKey=***" + (sessionToken.isPresent() ? ", sessionToken=***" : "") + "]";
    }
}
