package dev.eksauth.cli.internal;

import java.util.concurrent.Callable;

import dev.eksauth.authz.AccessEntries;
import dev.eksauth.authz.AuthzProblem;
import dev.eksauth.eks.EksClusters;
import dev.eksauth.eks.EksException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code eksauth access-entries export}: a cluster's access entries in the offline JSON form. Not public API. */
@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = {"Print a cluster's access entries, with their access policies, in the offline JSON form that "
                + "'--access-entries' of can-i, who-can and rbac-audit reads (ListAccessEntries, DescribeAccessEntry, "
                + "ListAssociatedAccessPolicies)."})
final class AccessEntriesExportCommand implements Callable<Integer> {
    private final Console console;

    @Mixin
    ExitCodes exitCodes;

    @Mixin
    EksOptions eks;

    @Option(names = "--cluster-name", required = true, paramLabel = "NAME", description = "The cluster's name.")
    String clusterName;

    AccessEntriesExportCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        AccessEntries entries;
        try (EksClusters clusters = eks.clusters(console)) {
            entries = clusters.accessEntries(clusterName);
        } catch (EksException e) {
            throw EksOptions.failure(e);
        }
        for (AuthzProblem p : entries.problems()) {
            console.err().println("access-entries export: " + p);
        }
        console.out().println(entries.toJson());
        return ExitCode.OK;
    }
}
