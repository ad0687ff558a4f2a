package dev.eksauth.webidentity.internal;

import static dev.eksauth.webidentity.InvalidWebIdentityException.Reason.STS_REJECTED;

import java.util.Set;
import java.util.regex.Pattern;

import dev.eksauth.core.UntrustedText;
import dev.eksauth.webidentity.InvalidWebIdentityException;
import dev.eksauth.webidentity.WebIdentityException;
import dev.eksauth.webidentity.WebIdentityThrottledException;
import dev.eksauth.webidentity.WebIdentityUnavailableException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Turns what the AWS SDK throws while calling AssumeRoleWithWebIdentity into a
 * {@link WebIdentityException} that names the role and STS's error code: a refusal is an
 * {@link InvalidWebIdentityException}, throttling a {@link WebIdentityThrottledException}, anything
 * else a {@link WebIdentityUnavailableException}. Not public API.
 */
public final class StsErrors {
    private static final Set<String> THROTTLING = Set.of("Throttling", "ThrottlingException", "ThrottledException",
            "RequestThrottledException", "TooManyRequestsException", "RequestLimitExceeded");
    /** STS could not reach the identity provider: worth another try later, not a refusal. */
    private static final Set<String> UNAVAILABLE = Set.of("IDPCommunicationError", "InternalFailure",
            "ServiceUnavailable");
    /** Three dot-separated base64url runs: the shape of a JWT, which must never reach a message. */
    private static final Pattern JWT_LIKE = Pattern.compile("[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*");

    private StsErrors() {
    }

    /**
     * The error to report for a failure of a credentials refresh.
     *
     * @param e what the SDK (or the token source) threw
     * @param roleArn the role being assumed
     */
    public static WebIdentityException map(RuntimeException e, String roleArn) {
        if (e instanceof WebIdentityException w) {
            return w;
        }
        String role = " for role " + UntrustedText.quote(roleArn);
        if (e instanceof AwsServiceException ase && ase.awsErrorDetails() != null
                && ase.awsErrorDetails().errorCode() != null) {
            AwsErrorDetails details = ase.awsErrorDetails();
            String code = details.errorCode();
            String said = details.errorMessage() == null ? ""
                    : ": " + UntrustedText.quote(redact(details.errorMessage()));
            // STS's answer is carried over in words; the SDK exception is not chained, so nothing of
            // the request can reach a log through it.
            String message = "STS refused AssumeRoleWithWebIdentity" + role + " with " + UntrustedText.quote(code)
                    + " (HTTP " + ase.statusCode() + ", request id "
                    + UntrustedText.quote(String.valueOf(ase.requestId())) + ")" + said;
            if (THROTTLING.contains(code) || ase.isThrottlingException()) {
                return new WebIdentityThrottledException(message, code);
            }
            if (UNAVAILABLE.contains(code) || ase.statusCode() >= 500) {
                return new WebIdentityUnavailableException(message, code, null);
            }
            return new InvalidWebIdentityException(STS_REJECTED, message, code, null);
        }
        if (e instanceof SdkServiceException sse) {
            String message = "STS answered AssumeRoleWithWebIdentity" + role + " with HTTP " + sse.statusCode()
                    + " and no error code";
            return sse.isThrottlingException() ? new WebIdentityThrottledException(message, null)
                    : new WebIdentityUnavailableException(message, null, null);
        }
        if (e instanceof SdkClientException) {
            return new WebIdentityUnavailableException("could not call STS AssumeRoleWithWebIdentity" + role + ": "
                    + UntrustedText.quote(redact(String.valueOf(e.getMessage()))), null, e);
        }
        return new WebIdentityUnavailableException("AssumeRoleWithWebIdentity" + role + " failed: "
                + e.getClass().getName(), null, e);
    }

    /** Replaces anything shaped like a JWT. */
    static String redact(String text) {
        return JWT_LIKE.matcher(text).replaceAll("<redacted>");
    }
}
