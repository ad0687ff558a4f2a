package dev.eksauth.cli.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.eksauth.core.Partition;
import dev.eksauth.token.EksTokenVerifier;
import picocli.CommandLine.Option;

/** The options that configure token verification, shared by verify, map and serve. Not public API. */
final class VerifierOptions {
    @Option(names = "--partition", paramLabel = "PARTITION", defaultValue = "aws",
            description = "The partition whose STS hosts are accepted: aws (default), aws-cn, aws-us-gov, aws-iso, "
                    + "aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc.")
    String partition;

    @Option(names = "--region", paramLabel = "REGION",
            description = "Also accept STS hosts of this region (repeatable), for regions named outside the partition's scheme.")
    List<String> regions = new ArrayList<>();

    @Option(names = "--sts-url", paramLabel = "URL",
            description = "Send GetCallerIdentity here once the token's host was checked (a VPC endpoint or a test STS).")
    String stsUrl;

    @Option(names = "--sts-timeout", paramLabel = "DURATION", defaultValue = "10s", converter = Durations.class,
            description = "How long one verification may take, STS retries included, e.g. 500ms, 10s (default 10s).")
    Duration stsTimeout;

    /** A verifier builder for a cluster with these options, reading time from the console's clock. */
    EksTokenVerifier.Builder builder(String clusterId, Console console) {
        try {
            EksTokenVerifier.Builder builder = EksTokenVerifier.builder()
                    .clusterId(clusterId)
                    .clock(console.clock())
                    .partition(Partition.of(partition))
                    .regions(Set.copyOf(regions))
                    .retryDeadline(stsTimeout)
                    .requestTimeout(stsTimeout.compareTo(Duration.ofSeconds(5)) < 0 ? stsTimeout : Duration.ofSeconds(5));
            if (stsUrl != null) {
                builder.stsEndpointOverride(Urls.parse(stsUrl, "--sts-url"));
            }
            return builder;
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage());
        }
    }
}
