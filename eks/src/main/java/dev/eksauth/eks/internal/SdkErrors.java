package dev.eksauth.eks.internal;

import java.io.UncheckedIOException;

import dev.eksauth.core.UntrustedText;
import dev.eksauth.eks.ClusterNotFoundException;
import dev.eksauth.eks.EksAccessDeniedException;
import dev.eksauth.eks.EksException;
import dev.eksauth.eks.EksThrottledException;
import dev.eksauth.eks.EksUnavailableException;
import dev.eksauth.eks.InvalidEksRequestException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The one place where the SDK's exceptions become the eks module's: not found, access denied and
 * other refusals are the invalid family; throttling, 5xx and I/O failures are unavailable. Not
 * public API.
 */
public final class SdkErrors {
    private SdkErrors() {
    }

    /**
     * Translates a failed EKS call.
     *
     * @param e what the SDK threw
     * @param operation the EKS operation, e.g. {@code DescribeCluster}
     * @param cluster the cluster's name
     * @param region the region asked, for the message; may be null
     */
    public static EksException translate(RuntimeException e, String operation, String cluster, String region) {
        String where = "EKS cluster " + UntrustedText.quote(cluster) + (region == null ? "" : " in " + region);
        if (e instanceof AwsServiceException s) {
            String code = s.awsErrorDetails() == null ? "" : String.valueOf(s.awsErrorDetails().errorCode());
            int status = s.statusCode();
            String detail = s.awsErrorDetails() == null || s.awsErrorDetails().errorMessage() == null ? code
                    : code + ": " + UntrustedText.quote(s.awsErrorDetails().errorMessage());
            if (s.isThrottlingException() || status == 429) {
                return new EksThrottledException(operation + " for " + where + " was throttled by EKS (" + code
                        + "); retry later", e);
            }
            if (status >= 500) {
                return new EksUnavailableException(operation + " for " + where + " failed: EKS answered " + status
                        + " (" + code + "); retry later", e);
            }
            if (status == 403 || code.contains("AccessDenied") || code.contains("UnrecognizedClient")
                    || code.contains("InvalidSignature")) {
                String permission = "eks:" + operation;
                return new EksAccessDeniedException(operation + " for " + where + " was denied (" + code
                        + "): the caller needs the IAM permission " + permission, permission, e);
            }
            if (("DescribeCluster".equals(operation) || "ListAccessEntries".equals(operation)) && (status == 404 || code.contains("NotFound"))) {
                return new ClusterNotFoundException(where + " does not exist (check the name, the region and the "
                        + "account of your credentials)", e);
            }
            return new InvalidEksRequestException(operation + " for " + where + " was refused: " + detail, e);
        }
        if (e instanceof SdkClientException && String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT)
                .contains("credentials")) {
            return new InvalidEksRequestException(operation + " for " + where + " was not sent: no usable AWS credentials ("
                    + UntrustedText.quote(firstLine(e)) + "); set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY", e);
        }
        if (e instanceof SdkException || e instanceof UncheckedIOException) {
            return new EksUnavailableException(operation + " for " + where + " could not reach EKS: "
                    + UntrustedText.quote(firstLine(e)), e);
        }
        throw e;
    }

    private static String firstLine(RuntimeException e) {
        return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    }

    /** Whether the SDK's exception is EKS's "not found". */
    public static boolean isNotFound(RuntimeException e) {
        return e instanceof AwsServiceException s && s.statusCode() == 404;
    }
}
