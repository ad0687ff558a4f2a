package dev.eksauth.cli.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.eksauth.authz.AccessRequest;
import dev.eksauth.authz.Authorizer;
import dev.eksauth.authz.Decision;
import dev.eksauth.core.CoreException;
import dev.eksauth.core.KubernetesUser;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code eksauth can-i}: may a user or IAM identity do this, offline, as the cluster would answer. Not public API. */
@Command(name = "can-i", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = {"Answer as kubectl auth can-i would, from RBAC manifests (and EKS access entries) instead of a live "
                + "cluster: print yes (exit 0) or no (exit 1). --explain adds which binding, role and rule (or access "
                + "policy) allowed it, or why nothing did; --list prints the rules that apply.",
            "RESOURCE is TYPE[.GROUP][/NAME] with TYPE the resource's plural as rules write it (pods, deployments.apps; "
                    + "no discovery, so no short names), or a /PATH for a non-resource request.",
            "Without -n the request has no namespace (cluster-scoped, or across all namespaces), so only "
                    + "ClusterRoleBindings and cluster-scoped access policies count; kubectl would use its context's namespace.",
            "--arn is the caller as STS reports it (an assumed-role ARN carries the session); it is mapped by its access "
                    + "entry, else through aws-auth with the authenticator's rules, then authorized. aws-auth role ARNs "
                    + "written with a path are read as EKS reads them (no match) unless --role-arn-matching lenient."})
final class CanICommand implements Callable<Integer> {
    private final Console console;

    @Mixin
    ExitCodes exitCodes;

    @Parameters(index = "0", arity = "0..1", paramLabel = "VERB", description = "The verb, e.g. get, list, create, escalate.")
    String verb;

    @Parameters(index = "1", arity = "0..1", paramLabel = "RESOURCE", description = "TYPE[.GROUP][/NAME] or /PATH.")
    String resource;

    @Option(names = "--list", description = "Print the rules that apply to the user in the namespace instead.")
    boolean list;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", defaultValue = "", description = "The namespace (default: none).")
    String namespace;

    @Option(names = "--subresource", paramLabel = "S", defaultValue = "", description = "The subresource, e.g. status, log.")
    String subresource;

    @Option(names = "--explain", description = "Say why.")
    boolean explain;

    @Mixin
    AuthzOptions inputs;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Who who;

    static final class Who {
        @ArgGroup(exclusive = false)
        As as;

        @Option(names = "--arn", paramLabel = "ARN", description = "The caller's IAM identity as STS reports it.")
        String arn;
    }

    static final class As {
        @Option(names = "--as", required = true, paramLabel = "USER", description = "The Kubernetes username.")
        String user;

        @Option(names = "--as-group", paramLabel = "GROUP", description = "A group of the user (repeatable).")
        List<String> groups = new ArrayList<>();
    }

    CanICommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        Optional<AccessRequest> request = list ? Optional.empty() : Optional.of(request());
        AuthzOptions.Inputs read = inputs.read(console.err(), "can-i");
        if (who.arn != null && read.awsAuth().isEmpty() && inputs.accessEntries == null) {
            throw new CliException(ExitCode.USAGE, "--arn needs --aws-auth or --access-entries to map the identity");
        }
        Authorizer authorizer = inputs.authorizer(read);
        List<String> why = new ArrayList<>();
        Optional<KubernetesUser> user;
        if (who.arn != null) {
            ClusterMapping.Mapped mapped;
            try {
                mapped = ClusterMapping.map(MapCommand.identity(who.arn, "UNKNOWN", "UNKNOWN"), read.accessEntries(),
                        read.awsAuth(), inputs.roleArnMatching);
            } catch (CoreException e) {
                throw new CliException(ExitCode.USAGE, e.getMessage());
            }
            why.addAll(mapped.explanation());
            user = mapped.user();
        } else {
            user = Optional.of(Authorizer.withAuthenticatedGroups(KubernetesUser.of(who.as.user, who.as.groups)));
        }
        if (list) {
            user.ifPresent(u -> console.out().print(RuleTable.of(authorizer.rulesFor(u, namespace), explain)));
            explain(why);
            return user.isPresent() ? ExitCode.OK : ExitCode.DENIED;
        }
        if (user.isEmpty()) {
            console.out().println("no");
            explain(why);
            return ExitCode.DENIED;
        }
        Decision decision = authorizer.authorize(user.get(), request.orElseThrow());
        console.out().println(decision.answer());
        why.addAll(decision.reasons());
        explain(why);
        return decision.allowed() ? ExitCode.OK : ExitCode.DENIED;
    }

    private void explain(List<String> why) {
        if (explain) {
            why.forEach(line -> console.out().println("  " + line));
        }
    }

    private AccessRequest request() {
        if (verb == null || resource == null) {
            throw new CliException(ExitCode.USAGE, "give VERB and RESOURCE, or --list");
        }
        return Requests.parse(verb, resource, namespace, subresource);
    }
}
