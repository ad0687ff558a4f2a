package dev.eksauth.cli.internal;

import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code eksauth access-entries}: the group of the access-entry commands. Not public API. */
@Command(name = "access-entries", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = {"A cluster's EKS access entries. Run 'eksauth access-entries export --help'."})
final class AccessEntriesCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ExitCodes exitCodes;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: export");
    }
}
