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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * {@code eksauth token}: the ExecCredential kubectl's exec plugin reads. kubectl starts it for
 * every command that needs a token, so its options are declared through picocli's programmatic
 * API: reading annotations (reflection and a proxy class per annotation type) was most of picocli's
 * share of the start-up. Not public API.
 */
final class TokenCommand implements Callable<Integer> {
    private static final String CLUSTER_ID = "--cluster-id";
    private static final String REGION = "--region";
    private static final String ROLE_ARN = "--role-arn";
    private static final String SESSION_NAME = "--session-name";
    private static final String EXTERNAL_ID = "--external-id";
    private static final String STS_ENDPOINT = "--sts-endpoint";
    private static final String FIPS = "--fips";
    private static final String DUALSTACK = "--dualstack";
    private static final String FORWARD_SESSION_NAME = "--forward-session-name";
    private static final String PROFILE = "--profile";
    private static final String TOKEN_ONLY = "--token-only";
    private static final String CACHE = "--cache";
    private static final String NO_CACHE = "--no-cache";
    private static final String STS_URL = "--sts-url";

    private final Console console;
    private final CommandSpec spec;
    private String clusterId;
    private String region;
    private String roleArn;
    private String sessionName;
    private String externalId;
    private StsEndpointType endpointType;
    private boolean fips;
    private boolean dualstack;
    private boolean forwardSessionName;
    private String profile;
    private boolean tokenOnly;
    private boolean cache;
    private boolean noCache;
    private String stsUrl;

    TokenCommand(Console console) {
        this.console = console;
        this.spec = CommandSpec.wrapWithoutInspection(this).name("token").versionProvider(new Cli.Version());
        spec.usageMessage().description(
                "Print an ExecCredential holding an EKS token, for kubectl's exec credential plugin.",
                "A drop-in for 'aws-iam-authenticator token -i ID' and 'aws eks get-token --cluster-name ID'.",
                "Credentials and region come from the AWS SDK settings: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, "
                        + "AWS_SESSION_TOKEN, AWS_PROFILE (profiles, SSO, web identity, container and instance "
                        + "credentials), AWS_REGION, AWS_DEFAULT_REGION. The apiVersion follows KUBERNETES_EXEC_INFO (v1beta1, with "
                        + "a warning, when it is unreadable or names another version).",
                "Role sessions (--role-arn, and profiles with role_arn) are kept in eksauth/credentials under "
                        + "$XDG_CACHE_HOME (else ~/.cache) and reused until 15 minutes before they expire; a profile with "
                        + "mfa_serial asks for the code on the terminal.");
        ExitCodes.addTo(spec);
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).description("Print version information and exit.").build());
        spec.addOption(text("ID", "The cluster name (or id) the token is for.", "-i", CLUSTER_ID, "--cluster-name").required(true).build());
        spec.addOption(text("REGION", "The region to sign for; default from the AWS settings, else us-east-1.", REGION).build());
        spec.addOption(text("ARN", "Assume this IAM role first.", "-r", ROLE_ARN, "--role").build());
        spec.addOption(text("NAME", "The session name of the assumed role.", "-s", SESSION_NAME).build());
        spec.addOption(text("ID", "The external id the role requires.", "-e", EXTERNAL_ID).build());
        spec.addOption(OptionSpec.builder(STS_ENDPOINT).paramLabel("TYPE").type(StsEndpointType.class).defaultValue("regional")
                .description("regional (default) or global (sts.amazonaws.com, aws partition only).").build());
        spec.addOption(flag("Sign for the FIPS STS endpoint.", FIPS));
        spec.addOption(flag("Sign for the dual-stack STS endpoint.", DUALSTACK));
        spec.addOption(flag("Name the assumed role's session after the caller's own session (from GetCallerIdentity), "
                + "as aws-iam-authenticator does; needs --role-arn.", FORWARD_SESSION_NAME));
        spec.addOption(text("NAME", "The AWS profile to use; wins over AWS_PROFILE and over keys in the environment.", PROFILE).build());
        spec.addOption(flag("Print only the token, not an ExecCredential.", TOKEN_ONLY));
        spec.addOption(flag("Reuse a token kept on disk (mode 0600) until a minute before it expires; "
                + "files and directories another user could have written are ignored.", CACHE));
        spec.addOption(flag("Keep nothing on disk: assume roles (and ask for MFA codes) on every run. "
                + "By default role sessions are kept in eksauth/credentials under the cache directory.", NO_CACHE));
        spec.addOption(text("URL", "Where AssumeRole requests go; default AWS_ENDPOINT_URL_STS, else the regional STS endpoint.", STS_URL)
                .build());
    }

    /** The command, ready for picocli. */
    CommandSpec spec() {
        return spec;
    }

    private static OptionSpec.Builder text(String label, String description, String... names) {
        return OptionSpec.builder(names).paramLabel(label).type(String.class).description(description);
    }

    private static OptionSpec flag(String description, String name) {
        return OptionSpec.builder(name).arity("0").type(boolean.class).description(description).build();
    }

    private <T> T value(String name) {
        return spec.findOption(name).getValue();
    }

    private boolean isSet(String flag) {
        return Boolean.TRUE.equals(value(flag));
    }

    private void readOptions() {
        clusterId = value(CLUSTER_ID);
        region = value(REGION);
        roleArn = value(ROLE_ARN);
        sessionName = value(SESSION_NAME);
        externalId = value(EXTERNAL_ID);
        endpointType = value(STS_ENDPOINT);
        fips = isSet(FIPS);
        dualstack = isSet(DUALSTACK);
        forwardSessionName = isSet(FORWARD_SESSION_NAME);
        profile = value(PROFILE);
        tokenOnly = isSet(TOKEN_ONLY);
        cache = isSet(CACHE);
        noCache = isSet(NO_CACHE);
        stsUrl = value(STS_URL);
    }

    @Override
    public Integer call() {
        readOptions();
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
