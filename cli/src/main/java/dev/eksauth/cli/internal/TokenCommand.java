package dev.eksauth.cli.internal;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import dev.eksauth.token.EksToken;
import dev.eksauth.token.EksTokenGenerator;
import dev.eksauth.token.ExecCredential;
import dev.eksauth.token.StsEndpointType;
import dev.eksauth.token.TokenGenerationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** {@code eksauth token}: the ExecCredential kubectl's exec plugin reads. Not public API. */
@Command(name = "token", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = {"Print an ExecCredential holding an EKS token, for kubectl's exec credential plugin.",
            "A drop-in for 'aws-iam-authenticator token -i ID' and 'aws eks get-token --cluster-name ID'.",
            "Credentials and region come from the AWS SDK settings: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, "
                    + "AWS_SESSION_TOKEN, AWS_PROFILE (profiles, SSO, web identity, container and instance "
                    + "credentials), AWS_REGION, AWS_DEFAULT_REGION. The apiVersion follows KUBERNETES_EXEC_INFO."})
final class TokenCommand implements Callable<Integer> {
    private final Console console;

    @Mixin
    ExitCodes exitCodes;

    @Option(names = {"-i", "--cluster-id", "--cluster-name"}, required = true, paramLabel = "ID",
            description = "The cluster name (or id) the token is for.")
    String clusterId;

    @Option(names = "--region", paramLabel = "REGION", description = "The region to sign for; default from the AWS settings, else us-east-1.")
    String region;

    @Option(names = {"-r", "--role-arn", "--role"}, paramLabel = "ARN", description = "Assume this IAM role first.")
    String roleArn;

    @Option(names = {"-s", "--session-name"}, paramLabel = "NAME", description = "The session name of the assumed role.")
    String sessionName;

    @Option(names = {"-e", "--external-id"}, paramLabel = "ID", description = "The external id the role requires.")
    String externalId;

    @Option(names = "--sts-endpoint", paramLabel = "TYPE", defaultValue = "regional",
            description = "regional (default) or global (sts.amazonaws.com, aws partition only).")
    StsEndpointType endpointType;

    @Option(names = "--fips", description = "Sign for the FIPS STS endpoint.")
    boolean fips;

    @Option(names = "--dualstack", description = "Sign for the dual-stack STS endpoint.")
    boolean dualstack;

    @Option(names = "--cache", description = "Reuse a token kept on disk (mode 0600) until a minute before it expires; "
            + "files and directories another user could have written are ignored.")
    boolean cache;

    @Option(names = "--sts-url", paramLabel = "URL",
            description = "Where AssumeRole requests go; default AWS_ENDPOINT_URL_STS, else the regional STS endpoint.")
    String stsUrl;

    TokenCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        ExecCredential.ApiVersion version;
        try {
            version = ExecCredential.apiVersionFrom(console.env());
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage());
        }
        AwsSettings aws = new AwsSettings(console);
        Region signingRegion = aws.region(region);
        URI stsOption = stsUrl == null ? null : Urls.parse(stsUrl, "--sts-url");
        // Only AssumeRole calls STS; a token alone is signed offline.
        URI assumeRoleEndpoint = roleArn == null ? null : aws.stsApiEndpoint(stsOption);
        TokenCache tokens = null;
        String key = null;
        TokenCache.Identity identity = null;
        if (cache) {
            tokens = TokenCache.under(console.cacheHome(), console.clock());
            List<String> settings = new ArrayList<>(Arrays.asList("v2", clusterId, signingRegion.id(), roleArn,
                    sessionName, externalId, endpointType.name(), String.valueOf(fips), String.valueOf(dualstack),
                    String.valueOf(assumeRoleEndpoint)));
            settings.addAll(aws.identitySources());
            key = TokenCache.key(settings);
            identity = new TokenCache.Identity(clusterId, signingRegion.id(), roleArn, aws.staticAccessKeyId());
            TokenCache.Lookup cached = tokens.read(key, identity);
            if (cached instanceof TokenCache.Lookup.Hit hit) {
                console.out().println(ExecCredential.toJson(hit.token(), version));
                return ExitCode.OK;
            }
            if (cached instanceof TokenCache.Lookup.Untrusted untrusted) {
                console.err().println("eksauth token: warning: ignoring the cached token: " + untrusted.why());
            }
        }
        EksToken token = generate(aws, signingRegion, assumeRoleEndpoint);
        if (tokens != null) {
            try {
                tokens.write(key, identity, token);
            } catch (IOException | RuntimeException e) {
                console.err().println("eksauth token: warning: cannot cache the token in " + tokens.file(key).getParent()
                        + " (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                        + ")");
            }
        }
        console.out().println(ExecCredential.toJson(token, version));
        return ExitCode.OK;
    }

    private EksToken generate(AwsSettings aws, Region signingRegion, URI assumeRoleEndpoint) {
        AwsCredentialsProvider credentials = aws.credentials();
        try {
            EksTokenGenerator.Builder builder = EksTokenGenerator.builder()
                    .clusterId(clusterId)
                    .region(signingRegion)
                    .credentialsProvider(credentials)
                    .stsEndpointType(endpointType)
                    .fipsEnabled(fips)
                    .dualstackEnabled(dualstack)
                    .clock(console.clock());
            if (roleArn != null) {
                builder.roleArn(roleArn);
                if (sessionName != null) {
                    builder.roleSessionName(sessionName);
                }
                if (externalId != null) {
                    builder.externalId(externalId);
                }
                if (assumeRoleEndpoint != null) {
                    builder.assumeRoleEndpoint(assumeRoleEndpoint);
                }
            } else if (sessionName != null || externalId != null) {
                throw new CliException(ExitCode.USAGE, "--session-name and --external-id need --role-arn");
            }
            try (EksTokenGenerator generator = builder.build()) {
                return generator.generate();
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage());
        } catch (TokenGenerationException e) {
            throw new CliException(ExitCode.NO_CREDENTIALS, e.getMessage());
        } finally {
            AwsSettings.close(credentials);
        }
    }
}
