package dev.eksauth.cli.internal;

import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.eksauth.authz.AccessRequest;
import dev.eksauth.authz.Grant;
import dev.eksauth.authz.PolicyRule;
import dev.eksauth.authz.Subject;
import dev.eksauth.authz.WhoCan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code eksauth who-can}: the subjects and IAM principals allowed a request. Not public API. */
@Command(name = "who-can", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = {"Print as JSON who may make a request, from RBAC manifests: the subjects (kind, name, namespace, with "
                + "the binding, role and rule that grant it) and, with --aws-auth or --access-entries, the IAM principals "
                + "(ARNs or patterns) that become them or hold an access policy that allows it.",
            "RESOURCE is TYPE[.GROUP][/NAME] or /PATH, as for can-i; without -n only cluster-wide grants count."})
final class WhoCanCommand implements Callable<Integer> {
    private final Console console;

    @Mixin
    ExitCodes exitCodes;

    @Parameters(index = "0", paramLabel = "VERB", description = "The verb.")
    String verb;

    @Parameters(index = "1", paramLabel = "RESOURCE", description = "TYPE[.GROUP][/NAME] or /PATH.")
    String resource;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", defaultValue = "", description = "The namespace (default: none).")
    String namespace;

    @Option(names = "--subresource", paramLabel = "S", defaultValue = "", description = "The subresource.")
    String subresource;

    @Mixin
    AuthzOptions inputs;

    WhoCanCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        AccessRequest request = Requests.parse(verb, resource, namespace, subresource);
        WhoCan who = inputs.authorizer(inputs.read(console.err(), "who-can")).whoCan(request);
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("request", request.toString());
        ArrayNode subjects = root.putArray("subjects");
        for (WhoCan.SubjectGrant sg : who.subjects()) {
            ObjectNode n = subject(subjects.addObject(), sg.subject());
            grant(n, sg.grant());
        }
        ArrayNode principals = root.putArray("principals");
        for (WhoCan.PrincipalGrant pg : who.principals()) {
            ObjectNode n = principals.addObject();
            n.put("principal", pg.principal());
            n.put("source", pg.source());
            if (pg.becomes().isPresent()) {
                subject(n.putObject("subject"), pg.becomes().get());
            } else {
                n.putNull("subject");
            }
            grant(n, pg.grant());
        }
        console.out().println(Json.pretty(root));
        return ExitCode.OK;
    }

    private static ObjectNode subject(ObjectNode n, Subject subject) {
        n.put("kind", subject.kind().kindName());
        n.put("name", subject.name());
        n.put("namespace", subject.namespace().isEmpty() ? null : subject.namespace());
        return n;
    }

    private static void grant(ObjectNode n, Grant grant) {
        n.put("via", grant.via());
        n.put("role", grant.role());
        n.put("rule", grant.rule().map(PolicyRule::toString).orElse(null));
    }
}
