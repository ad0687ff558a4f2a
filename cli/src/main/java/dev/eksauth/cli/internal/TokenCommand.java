package dev.eksauth.cli.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import dev.eksauth.token.AssumeRoleCredentialsProvider;
import dev.eksauth.token.EksToken;
import dev.eksauth.token.EksTokenGenerator;
import dev.eksauth.token.ExecCredential;
import dev.eksauth.token.SessionCredentialsCache;
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
                    + "credentials), AWS_REGION, AWS_DEFAULT_REGION. The apiVersion follows KUBERNETES_EXEC_INFO (v1beta1, with "
                    + "a warning, when it is unreadable or names another version).",
            "Role sessions (--role-arn, and profiles with role_arn) are kept in eksauth/credentials under "
                    + "$XDG_CACHE_HOME (else ~/.cache) and reused until 15 minutes before they expire; a profile with "
                    + "mfa_serial asks for the code on the terminal."})
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

    @Option(names = "--forward-session-name",
            description = "Name the assumed role's session after the caller's own session (from GetCallerIdentity), "
                    + "as aws-iam-authenticator does; needs --role-arn.")
    boolean forwardSessionName;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "The AWS profile to use; wins over AWS_PROFILE and over keys in the environment.")
    String profile;

    @Option(names = "--token-only", description = "Print only the token, not an ExecCredential.")
    boolean tokenOnly;

    @Option(names = "--cache", description = "Reuse a token kept on disk (mode 0600) until a minute before it expires; "
            + "files and directories another user could have written are ignored.")
    boolean cache;

    @Option(names = "--no-cache", description = "Keep nothing on disk: assume roles (and ask for MFA codes) on every run. "
            + "By default role sessions are kept in eksauth/credentials under the cache directory.")
    boolean noCache;

    @Option(names = "--sts-url", paramLabel = "URL",
            description = "Where AssumeRole requests go; default AWS_ENDPOINT_URL_STS, else the regional STS endpoint.")
    String stsUrl;

    TokenCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        ExecCredential.Request request = ExecCredential.requestFrom(console.env());
        request.warning().ifPresent(w -> console.err().println("eksauth token: warning: " + w));
        if (roleArn == null && (sessionName != null || externalId != null || forwardSessionName)) {
            throw new CliException(ExitCode.USAGE, "--session-name, --external-id and --forward-session-name need --role-arn");
        }
        if (sessionName != null && forwardSessionName) {
            throw new CliException(ExitCode.USAGE, "--session-name and --forward-session-name exclude each other");
        }
        if (cache && noCache) {
            throw new CliException(ExitCode.USAGE, "--cache and --no-cache exclude each other");
        }
        AwsSettings aws = new AwsSettings(console, profile);
        Region signingRegion = aws.region(region);
        URI stsOption = stsUrl == null ? null : Urls.parse(stsUrl, "--sts-url");
        URI stsEndpoint = aws.stsApiEndpoint(stsOption);
        TokenCache tokens = null;
        String key = null;
        TokenCache.Identity identity = null;
        if (cache) {
            tokens = TokenCache.under(console.cacheHome(), console.clock());
            List<String> settings = new ArrayList<>(Arrays.asList("v3", clusterId, signingRegion.id(), roleArn,
                    sessionName, String.valueOf(forwardSessionName), externalId, endpointType.name(),
                    String.valueOf(fips), String.valueOf(dualstack), String.valueOf(stsEndpoint)));
            settings.addAll(aws.identitySources());
            key = TokenCache.key(settings);
            identity = new TokenCache.Identity(clusterId, signingRegion.id(), roleArn, aws.staticAccessKeyId());
            TokenCache.Lookup cached = tokens.read(key, identity);
            if (cached instanceof TokenCache.Lookup.Hit hit) {
                print(hit.token(), request);
                return ExitCode.OK;
            }
            if (cached instanceof TokenCache.Lookup.Untrusted untrusted) {
                console.err().println("eksauth token: warning: ignoring the cached token: " + untrusted.why());
            }
        }
        EksToken token = generate(aws, signingRegion, stsEndpoint, request);
        if (tokens != null) {
            try {
                tokens.write(key, identity, token);
            } catch (IOException | RuntimeException e) {
                console.err().println("eksauth token: warning: cannot cache the token in " + tokens.file(key).getParent()
                        + " (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                        + ")");
            }
        }
        print(token, request);
        return ExitCode.OK;
    }

    private void print(EksToken token, ExecCredential.Request request) {
        console.out().println(tokenOnly ? token.value() : ExecCredential.toJson(token, request.apiVersion()));
    }

    /** Where role sessions are kept: on disk unless --no-cache (or no cache directory is known). */
    private SessionCredentialsCache credentialsCache(AwsSettings aws) {
        if (noCache) {
            return SessionCredentialsCache.none();
        }
        Path cacheHome;
        try {
            cacheHome = console.cacheHome();
        } catch (CliException e) {
            return SessionCredentialsCache.none();
        }
        List<String> namespace = new ArrayList<>(List.of("credentials-v1"));
        namespace.addAll(aws.identitySources());
        return CredentialsCache.under(cacheHome, TokenCache.key(namespace),
                w -> console.err().println("eksauth token: warning: " + w));
    }

    private EksToken generate(AwsSettings aws, Region signingRegion, URI stsEndpoint, ExecCredential.Request request) {
        AwsCredentialsProvider credentials = aws.credentials(new AwsSettings.RoleSupport(new MfaPrompt(console, request),
                () -> credentialsCache(aws), signingRegion, stsEndpoint));
        AwsCredentialsProvider signing = credentials;
        try {
            if (roleArn != null) {
                AssumeRoleCredentialsProvider.Builder role = AssumeRoleCredentialsProvider.builder()
                        .roleArn(roleArn).sourceCredentials(credentials).forwardSessionName(forwardSessionName)
                        .region(signingRegion).credentialsCache(credentialsCache(aws)).clock(console.clock());
                if (sessionName != null) {
                    role.roleSessionName(sessionName);
                }
                if (externalId != null) {
                    role.externalId(externalId);
                }
                if (stsEndpoint != null) {
                    role.stsEndpoint(stsEndpoint);
                }
                signing = role.build();
            }
            EksTokenGenerator.Builder builder = EksTokenGenerator.builder()
                    .clusterId(clusterId)
                    .region(signingRegion)
                    .credentialsProvider(signing)
                    .stsEndpointType(endpointType)
                    .fipsEnabled(fips)
                    .dualstackEnabled(dualstack)
                    .clock(console.clock());
            try (EksTokenGenerator generator = builder.build()) {
                return generator.generate();
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage());
        } catch (TokenGenerationException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof CliException cli) {
                    throw cli;
                }
            }
            throw new CliException(ExitCode.NO_CREDENTIALS, e.getMessage());
        } finally {
            if (signing != credentials) {
                AwsSettings.close(signing);
            }
            AwsSettings.close(credentials);
        }
    }
}
