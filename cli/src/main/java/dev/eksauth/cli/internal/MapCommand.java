package dev.eksauth.cli.internal;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.eksauth.core.CallerIdentity;
import dev.eksauth.core.CoreException;
import dev.eksauth.core.Principal;
import dev.eksauth.core.PrincipalType;
import dev.eksauth.mapping.AuthenticationResult;
import dev.eksauth.mapping.AwsAuth;
import dev.eksauth.mapping.AwsAuthMapper;
import dev.eksauth.mapping.MapperChain;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code eksauth map}: which Kubernetes user an identity or token becomes. Not public API. */
@Command(name = "map", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = {"Map an AWS identity through an aws-auth ConfigMap file and print the Kubernetes user as JSON "
                + "(username, uid, groups, extra, source), or say on standard error why there is none; {{EC2PrivateDNSName}} is looked up with EC2 DescribeInstances (see --ec2-*).",
            "Give an ARN (with the session name, user id and access key id the templates need), or a token to verify first. "
                    + "Problems in the aws-auth file are reported on standard error; good entries still apply."})
final class MapCommand implements Callable<Integer> {
    private final Console console;

    @Mixin
    ExitCodes exitCodes;

    @Option(names = "--aws-auth", required = true, paramLabel = "FILE", description = "The aws-auth ConfigMap (YAML or JSON).")
    Path awsAuthFile;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Who who;

    static final class Who {
        @Option(names = "--arn", paramLabel = "ARN", description = "The principal: a role, user, assumed-role, root or federated-user ARN.")
        String arn;

        @Option(names = "--token", paramLabel = "TOKEN", description = "A token to verify (with -i) and map; - reads it from standard input.")
        String token;
    }

    @Option(names = {"-i", "--cluster-id", "--cluster-name"}, paramLabel = "ID", description = "The cluster id, with --token.")
    String clusterId;

    @Option(names = "--session-name", paramLabel = "NAME",
            description = "With a role ARN: map the session of that name (as {{SessionName}} sees it).")
    String sessionName;

    @Option(names = "--user-id", paramLabel = "ID", defaultValue = "UNKNOWN",
            description = "The principal's unique id (matches userid entries; part of the uid); default ${DEFAULT-VALUE}.")
    String userId;

    @Option(names = "--access-key-id", paramLabel = "KEY", defaultValue = "UNKNOWN",
            description = "The access key id ({{AccessKeyID}}); default ${DEFAULT-VALUE}.")
    String accessKeyId;

    @Mixin
    VerifierOptions verifier;

    @Mixin
    Ec2Options ec2;

    MapCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        AwsAuth awsAuth = AwsAuthFiles.read(awsAuthFile, console.err(), "eksauth map");
        CallerIdentity identity = who.arn != null ? identityOfArn() : verifiedIdentity();
        AuthenticationResult.Authenticated ok;
        try (Ec2Options.Lookup nodes = ec2.lookup(console)) {
            ok = mapped(MapperChain.builder().add(AwsAuthMapper.of(awsAuth.config())).privateDnsNameResolver(nodes)
                    .build().map(identity));
        }
        ObjectNode user = Json.user(ok.user());
        user.put("source", ok.source());
        console.out().println(Json.pretty(user));
        return ExitCode.OK;
    }

    /**
     * The user of a mapping result.
     *
     * @throws CliException with {@link ExitCode#DENIED} when the identity is not mapped, with
     *     {@link ExitCode#STS_UNAVAILABLE} when the mapping could not be decided now
     */
    static AuthenticationResult.Authenticated mapped(AuthenticationResult result) {
        if (result instanceof AuthenticationResult.Denied denied) {
            throw new CliException(ExitCode.DENIED, "not mapped (" + denied.reason() + "): " + denied.message());
        }
        if (result instanceof AuthenticationResult.Unavailable unavailable) {
            throw new CliException(ExitCode.STS_UNAVAILABLE, "cannot map now (" + unavailable.reason() + "): "
                    + unavailable.message() + "; retry later");
        }
        return (AuthenticationResult.Authenticated) result;
    }

    private CallerIdentity identityOfArn() {
        if (clusterId != null) {
            throw new CliException(ExitCode.USAGE, "-i/--cluster-id goes with --token, not --arn");
        }
        try {
            Principal principal = Principal.parse(who.arn);
            String arn = who.arn;
            if (sessionName != null) {
                if (sessionName.isEmpty() || sessionName.contains("/")) {
                    throw new CliException(ExitCode.USAGE, "--session-name must be a non-empty name without '/'");
                }
                if (principal.type() != PrincipalType.ROLE) {
                    throw new CliException(ExitCode.USAGE, "--session-name needs a role ARN (arn:PARTITION:iam::ACCOUNT:role/NAME)");
                }
                arn = "arn:" + principal.arn().partition().id() + ":sts::" + principal.accountId() + ":assumed-role/"
                        + principal.name() + "/" + sessionName;
            }
            return identity(arn, userId, accessKeyId);
        } catch (CoreException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage());
        }
    }

    /**
     * The identity STS would report for an ARN (an assumed-role ARN carries its session), with the
     * unique id and access key id given.
     *
     * @throws CoreException when the ARN is not an IAM principal
     */
    static CallerIdentity identity(String arn, String userId, String accessKeyId) {
        Principal principal = Principal.parse(arn);
        String stsUserId = principal.type() == PrincipalType.ASSUMED_ROLE
                ? userId + ":" + principal.sessionName().orElseThrow() : userId;
        return CallerIdentity.of(arn, principal.accountId(), stsUserId, accessKeyId, "none");
    }

    private CallerIdentity verifiedIdentity() {
        if (clusterId == null) {
            throw new CliException(ExitCode.USAGE, "--token needs -i/--cluster-id");
        }
        if (sessionName != null || !"UNKNOWN".equals(userId) || !"UNKNOWN".equals(accessKeyId)) {
            throw new CliException(ExitCode.USAGE, "--session-name, --user-id and --access-key-id go with --arn; "
                    + "a token's identity comes from STS");
        }
        String token = "-".equals(who.token) ? VerifyCommand.readToken(console) : who.token;
        return VerifyCommand.verify(verifier.builder(clusterId, console).cacheSize(0).build(), token);
    }
}
