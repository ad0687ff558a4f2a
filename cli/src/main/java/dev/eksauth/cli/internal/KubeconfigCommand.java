package dev.eksauth.cli.internal;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.eksauth.core.CoreException;
import dev.eksauth.core.Principal;
import dev.eksauth.core.PrincipalType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code eksauth kubeconfig}: a kubeconfig whose user runs {@code eksauth token}. Not public API. */
@Command(name = "kubeconfig", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = {"Print a kubeconfig for an EKS cluster whose user runs 'eksauth token' as its exec credential "
                + "plugin (client.authentication.k8s.io/v1beta1, interactiveMode Never), as 'aws eks update-kubeconfig' "
                + "does for the AWS CLI. AWS_PROFILE, when set, is passed on in the exec stanza's env."})
final class KubeconfigCommand implements Callable<Integer> {
    /** The system property the launcher script sets to its own path. */
    static final String LAUNCHER_PROPERTY = "eksauth.launcher";

    private final Console console;

    @Mixin
    ExitCodes exitCodes;

    @Option(names = {"-i", "--cluster-id", "--cluster-name"}, required = true, paramLabel = "ID",
            description = "The cluster name (or id) tokens are made for.")
    String clusterId;

    @Option(names = "--endpoint", required = true, paramLabel = "URL", description = "The cluster's API server URL (https).")
    String endpoint;

    @Option(names = "--ca-file", required = true, paramLabel = "PEM", description = "The cluster's certificate authority, PEM.")
    Path caFile;

    @Option(names = "--region", paramLabel = "REGION", description = "Passed to 'eksauth token --region'.")
    String region;

    @Option(names = {"-r", "--role-arn"}, paramLabel = "ARN", description = "Passed to 'eksauth token --role-arn'.")
    String roleArn;

    @Option(names = "--name", paramLabel = "NAME", description = "The cluster, user and context name; default the cluster id.")
    String name;

    @Option(names = "--cache", description = "Pass --cache to 'eksauth token'.")
    boolean cache;

    @Option(names = "--command", paramLabel = "PATH",
            description = "The command kubectl runs; default this launcher's path, else eksauth from PATH.")
    String command;

    KubeconfigCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        URI server = Urls.parse(endpoint, "--endpoint");
        if (!"https".equals(server.getScheme())) {
            throw new CliException(ExitCode.USAGE, "--endpoint must be an https URL, was '" + endpoint + "'");
        }
        if (roleArn != null) {
            try {
                if (Principal.parse(roleArn).type() != PrincipalType.ROLE) {
                    throw new CliException(ExitCode.USAGE, "--role-arn must be an IAM role ARN, was '" + roleArn + "'");
                }
            } catch (CoreException e) {
                throw new CliException(ExitCode.USAGE, "--role-arn: " + e.getMessage());
            }
        }
        List<String> args = new ArrayList<>(List.of("token", "--cluster-id", clusterId));
        if (region != null) {
            args.addAll(List.of("--region", region));
        }
        if (roleArn != null) {
            args.addAll(List.of("--role-arn", roleArn));
        }
        if (cache) {
            args.add("--cache");
        }
        String run = command != null ? command : System.getProperty(LAUNCHER_PROPERTY, "eksauth");
        console.out().print(Kubeconfigs.user(name != null ? name : clusterId, server.toString(),
                PemFiles.certificates(caFile), run, args, console.env("AWS_PROFILE")));
        return ExitCode.OK;
    }
}
