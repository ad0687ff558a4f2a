package dev.eksauth.cli.internal;

import java.util.concurrent.Callable;

import dev.eksauth.authz.RbacAudit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code eksauth rbac-audit}: who holds the rights that amount to control of the cluster. Not public API. */
@Command(name = "rbac-audit", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = {"Print as sorted JSON, for a CI job to diff, who holds cluster-admin-equivalent rights "
                + "(system:masters, * on *), the escalate, bind and impersonate verbs, and read access to secrets: "
                + "cluster-wide, in each namespace with RoleBindings, and through access policies; with the IAM "
                + "principals behind them when --aws-auth or --access-entries is given."})
final class RbacAuditCommand implements Callable<Integer> {
    private final Console console;

    @Mixin
    ExitCodes exitCodes;

    @Mixin
    AuthzOptions inputs;

    RbacAuditCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        console.out().println(RbacAudit.of(inputs.authorizer(inputs.read(console.err(), "rbac-audit"))).toJson());
        return ExitCode.OK;
    }
}
