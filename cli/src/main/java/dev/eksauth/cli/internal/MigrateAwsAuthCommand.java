package dev.eksauth.cli.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import dev.eksauth.eks.EksClusters;
import dev.eksauth.eks.EksException;
import dev.eksauth.eks.MigrationOutcome;
import dev.eksauth.eks.MigrationPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code eksauth migrate-aws-auth}: plan, and optionally apply, the move from aws-auth to access entries. Not public API. */
@Command(name = "migrate-aws-auth", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = {"Plan the access entries and access policy associations that grant what an aws-auth ConfigMap "
                + "grants: print the plan as JSON (with what cannot be migrated exactly, and why) and as the "
                + "equivalent 'aws eks create-access-entry' and 'associate-access-policy' commands. With --apply, carry "
                + "it out through the EKS API: entries that exist and match are left alone, entries that differ are "
                + "reported and never overwritten, so running it again changes nothing."})
final class MigrateAwsAuthCommand implements Callable<Integer> {
    private final Console console;

    @Mixin
    ExitCodes exitCodes;

    @Mixin
    EksOptions eks;

    @Option(names = "--aws-auth", required = true, paramLabel = "FILE", description = "The aws-auth ConfigMap, YAML.")
    Path awsAuth;

    @Option(names = "--cluster-name", paramLabel = "NAME",
            description = "The cluster's name, for the aws CLI commands (default CLUSTER) and required by --apply.")
    String clusterName;

    @Option(names = "--apply", description = "Create the planned entries and associate their policies.")
    boolean apply;

    MigrateAwsAuthCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        if (apply && clusterName == null) {
            throw new CliException(ExitCode.USAGE, "--apply needs --cluster-name");
        }
        MigrationPlan plan = MigrationPlan.of(AwsAuthFiles.read(awsAuth, console.err(), "migrate-aws-auth"));
        console.out().println(plan.toJson());
        console.out().println();
        for (String line : plan.awsCliCommands(clusterName != null ? clusterName : "CLUSTER")) {
            console.out().println(line);
        }
        if (!apply) {
            return ExitCode.OK;
        }
        List<MigrationOutcome> outcomes;
        try (EksClusters clusters = eks.clusters(console)) {
            outcomes = plan.apply(clusters, clusterName);
        } catch (EksException e) {
            throw EksOptions.failure(e);
        }
        console.out().println();
        boolean conflict = false;
        for (MigrationOutcome o : outcomes) {
            console.out().println(o.result().name().toLowerCase(java.util.Locale.ROOT) + " " + o.principalArn()
                    + (o.detail().isEmpty() ? "" : ": " + o.detail()));
            conflict |= o.result() == MigrationOutcome.Result.CONFLICT;
        }
        return conflict ? ExitCode.DENIED : ExitCode.OK;
    }
}
