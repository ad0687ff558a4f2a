package dev.eksauth.cli.internal;

import java.net.URI;

import dev.eksauth.eks.ClusterNotActiveException;
import dev.eksauth.eks.ClusterNotFoundException;
import dev.eksauth.eks.EksClusters;
import dev.eksauth.eks.EksException;
import dev.eksauth.eks.EksUnavailableException;
import picocli.CommandLine.Option;

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
        AwsSettings aws = new AwsSettings(console);
        EksClusters.Builder builder = EksClusters.builder().region(aws.region(region).id()).credentialsProvider(aws.credentials());
        String name = console.env("AWS_ENDPOINT_URL_EKS") != null ? "AWS_ENDPOINT_URL_EKS" : "AWS_ENDPOINT_URL";
        if (console.env(name) != null) {
            URI endpoint = Urls.parse(console.env(name), name);
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
