package dev.eksauth.cli.internal;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.eksauth.core.CoreException;
import dev.eksauth.core.Principal;
import dev.eksauth.core.PrincipalType;
import dev.eksauth.eks.EksCluster;
import dev.eksauth.eks.EksClusters;
import dev.eksauth.eks.EksException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code eksauth kubeconfig}: a kubeconfig whose user runs {@code eksauth token}, for a cluster
 * described through the EKS API and merged into the user's kubeconfig, or given by endpoint and CA
 * and printed. Not public API.
 */
@Command(name = "kubeconfig", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = {"Write a kubeconfig for an EKS cluster whose user runs 'eksauth token' as its exec credential "
                + "plugin (client.authentication.k8s.io/v1beta1, interactiveMode Never), as 'aws eks update-kubeconfig' "
                + "does for the AWS CLI. AWS_PROFILE, when set, is passed on in the exec stanza's env.",
                "With --cluster-name alone, the cluster is described through the EKS API (AWS_PROFILE, AWS_REGION and "
                + "AWS_ENDPOINT_URL_EKS apply) and merged into the kubeconfig (--kubeconfig, else the first file of "
                + "KUBECONFIG, else ~/.kube/config; a new file gets mode 0600): other clusters, users and contexts are "
                + "kept, entries of the same name replaced, current-context set. The entries are named by the cluster "
                + "ARN, as the AWS CLI names them, unless --alias or --user-alias is given.",
                "With --endpoint and --ca-file, nothing is called and the kubeconfig is printed."})
final class KubeconfigCommand implements Callable<Integer> {
    /** The system property the launcher script sets to its own path. */
    static final String LAUNCHER_PROPERTY = "eksauth.launcher";

    private final Console console;

    @Mixin
    ExitCodes exitCodes;

    @Option(names = {"-i", "--cluster-id"}, paramLabel = "ID",
            description = "The cluster id tokens are made for; default the cluster name (its id on Outposts).")
    String clusterId;

    @Option(names = "--cluster-name", paramLabel = "NAME",
            description = "The cluster's name: described through the EKS API unless --endpoint is given.")
    String clusterName;

    @Option(names = "--endpoint", paramLabel = "URL", description = "The cluster's API server URL (https); with --ca-file.")
    String endpoint;

    @Option(names = "--ca-file", paramLabel = "PEM", description = "The cluster's certificate authority, PEM; with --endpoint.")
    Path caFile;

    @Option(names = "--alias", paramLabel = "A", description = "The context's name; default the cluster ARN (--cluster-name).")
    String alias;

    @Option(names = "--user-alias", paramLabel = "U", description = "The user's name; default the cluster ARN (--cluster-name).")
    String userAlias;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "The kubeconfig to merge into (--cluster-name); default the first of KUBECONFIG, else ~/.kube/config.")
    Path kubeconfig;

    @Option(names = "--dry-run", description = "Print the merged kubeconfig instead of writing it (--cluster-name).")
    boolean dryRun;

    @Option(names = "--region", paramLabel = "REGION",
            description = "Passed to 'eksauth token --region'; with --cluster-name also the region the cluster is looked up in.")
    String region;

    @Option(names = {"-r", "--role-arn"}, paramLabel = "ARN", description = "Passed to 'eksauth token --role-arn'.")
    String roleArn;

    @Option(names = "--name", paramLabel = "NAME",
            description = "The cluster, user and context name (with --endpoint); default the cluster id.")
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
        checkRoleArn();
        if (endpoint == null && caFile == null) {
            if (clusterName == null) {
                throw new CliException(ExitCode.USAGE, "give --cluster-name, or --cluster-id with --endpoint and --ca-file");
            }
            return fromEks();
        }
        if (endpoint == null || caFile == null) {
            throw new CliException(ExitCode.USAGE, "--endpoint and --ca-file go together");
        }
        String id = clusterId != null ? clusterId : clusterName;
        if (id == null) {
            throw new CliException(ExitCode.USAGE, "--cluster-id is required with --endpoint");
        }
        URI server = Urls.parse(endpoint, "--endpoint");
        if (!"https".equals(server.getScheme())) {
            throw new CliException(ExitCode.USAGE, "--endpoint must be an https URL, was '" + endpoint + "'");
        }
        console.out().print(Kubeconfigs.user(name != null ? name : id, server.toString(),
                PemFiles.certificates(caFile), command(), tokenArgs(id, region), console.env("AWS_PROFILE")));
        return ExitCode.OK;
    }

    private int fromEks() {
        EksOptions eks = new EksOptions();
        eks.region = region;
        EksCluster cluster;
        try (EksClusters clusters = eks.clusters(console)) {
            cluster = clusters.describe(clusterName).requireActive();
        } catch (EksException e) {
            throw EksOptions.failure(e);
        }
        String clusterEntry = cluster.arn();
        String userEntry = userAlias != null ? userAlias : cluster.arn();
        String context = alias != null ? alias : cluster.arn();
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("server", cluster.endpoint().orElseThrow().toString());
        server.put("certificate-authority-data", cluster.certificateAuthorityData().orElseThrow());
        Map<String, Object> user = Map.of("exec", Kubeconfigs.exec(command(),
                tokenArgs(clusterId != null ? clusterId : cluster.tokenClusterId(), region != null ? region : cluster.region().orElse(null)),
                console.env("AWS_PROFILE")));
        Path file = KubeconfigMerge.target(kubeconfig, console);
        Map<String, Object> config = KubeconfigMerge.read(file);
        boolean existed = KubeconfigMerge.hasContext(config, context);
        String text = Kubeconfigs.dump(KubeconfigMerge.merge(config, clusterEntry, server, userEntry, user, context));
        if (dryRun) {
            console.out().print(text);
            return ExitCode.OK;
        }
        KubeconfigMerge.write(file, text);
        console.out().println((existed ? "Updated context " : "Added new context ") + context + " to " + file);
        return ExitCode.OK;
    }

    private List<String> tokenArgs(String id, String tokenRegion) {
        List<String> args = new ArrayList<>(List.of("token", "--cluster-id", id));
        if (tokenRegion != null) {
            args.addAll(List.of("--region", tokenRegion));
        }
        if (roleArn != null) {
            args.addAll(List.of("--role-arn", roleArn));
        }
        if (cache) {
            args.add("--cache");
        }
        return args;
    }

    private String command() {
        return command != null ? command : System.getProperty(LAUNCHER_PROPERTY, "eksauth");
    }

    private void checkRoleArn() {
        if (roleArn == null) {
            return;
        }
        try {
            if (Principal.parse(roleArn).type() != PrincipalType.ROLE) {
                throw new CliException(ExitCode.USAGE, "--role-arn must be an IAM role ARN, was '" + roleArn + "'");
            }
        } catch (CoreException e) {
            throw new CliException(ExitCode.USAGE, "--role-arn: " + e.getMessage());
        }
    }
}
