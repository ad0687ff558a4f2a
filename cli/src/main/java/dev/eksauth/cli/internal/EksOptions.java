package dev.eksauth.cli.internal;

import java.net.URI;
import java.util.Map;

import dev.eksauth.eks.ClusterNotActiveException;
import dev.eksauth.eks.ClusterNotFoundException;
import dev.eksauth.eks.EksClusters;
import dev.eksauth.eks.EksException;
import dev.eksauth.eks.EksUnavailableException;
import dev.eksauth.token.ExecCredential;
import dev.eksauth.token.SessionCredentialsCache;
import picocli.CommandLine.Option;
import software.amazon.awssdk.regions.Region;

/**
 * The options of commands that call the EKS API, and the one place their EKS errors become exit
 * codes. The AWS SDK's usual settings apply: credentials as {@code eksauth token} finds them
 * ({@code AWS_PROFILE} and the rest), the region from {@code --region}, {@code AWS_REGION} or the
 * profile, and the endpoint from {@code AWS_ENDPOINT_URL_EKS} or {@code AWS_ENDPOINT_URL}. Not
 * public API.
 */
final class EksOptions {
    @Option(names = "--region", paramLabel = "REGION", description = "The cluster's region; default AWS_REGION, else the profile's.")
    String region;

    /** The EKS client of these settings; the caller closes it. */
    EksClusters clusters(Console console) {
        AwsSettings aws = new AwsSettings(console, null);
        Region clusterRegion = aws.region(region);
        // A role profile may ask for an MFA code on the terminal; its session is not cached here.
        AwsSettings.RoleSupport roles = new AwsSettings.RoleSupport(
                new MfaPrompt(console, ExecCredential.requestFrom(Map.of())), SessionCredentialsCache::none,
                clusterRegion, null);
        EksClusters.Builder builder = EksClusters.builder().region(clusterRegion.id())
                .credentialsProvider(aws.credentials(roles));
        URI endpoint = aws.endpoint("EKS");
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    /** An EKS error as a one-line failure with its exit code. */
    static CliException failure(EksException e) {
        int code = e instanceof EksUnavailableException ? ExitCode.STS_UNAVAILABLE
                : e instanceof ClusterNotFoundException || e instanceof ClusterNotActiveException ? ExitCode.INPUT
                : ExitCode.DENIED;
        return new CliException(code, e.getMessage());
    }
}
