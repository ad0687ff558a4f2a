package dev.eksauth.cli.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

import dev.eksauth.core.SettingChecks;
import dev.eksauth.token.MfaCodeSource;
import dev.eksauth.token.ProfileRoleCredentialsProvider;
import dev.eksauth.token.SessionCredentialsCache;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * The AWS settings of a command, read as the AWS SDK and CLI read them, from the console's
 * environment: credentials from the {@code aws.accessKeyId} system properties, then
 * {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}/{@code AWS_SESSION_TOKEN}, then the SDK's
 * default chain for the {@code AWS_PROFILE} profile (profiles, SSO, web identity, container and
 * instance credentials); the region from {@code AWS_REGION}, {@code AWS_DEFAULT_REGION}, then the
 * profile. Profiles come from {@code AWS_CONFIG_FILE} and {@code AWS_SHARED_CREDENTIALS_FILE} (the
 * system properties {@code aws.configFile} and {@code aws.sharedCredentialsFile} first), else
 * {@code ~/.aws/config} and {@code ~/.aws/credentials}, each read once per command. Static keys skip
 * the default chain entirely, which keeps {@code eksauth token} quick; {@code --profile} names a
 * profile that wins over them. Not public API.
 */
final class AwsSettings {
    /** The variables and system properties besides profiles that decide where credentials come from. */
    private static final List<String> SOURCES = List.of("AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE",
            "AWS_ROLE_SESSION_NAME", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "AWS_EC2_METADATA_DISABLED", "AWS_EC2_METADATA_SERVICE_ENDPOINT");
    private static final List<String> SOURCE_PROPERTIES = List.of("aws.roleArn", "aws.webIdentityTokenFile",
            "aws.roleSessionName", "aws.containerCredentialsFullUri", "aws.containerCredentialsPath",
            "aws.disableEc2Metadata", "aws.ec2MetadataServiceEndpoint");

    private final Console console;
    private final String profileOption;
    private List<ProfileSource> profiles;
    private ProfileFile profileFile;

    /** A profile file as read: where it is, and its bytes (null when there is none). */
    private record ProfileSource(Path path, ProfileFile.Type type, byte[] content) {
    }

    /** What assuming a role from a profile needs besides the profile: where MFA codes and cached sessions come from. */
    record RoleSupport(MfaCodeSource mfa, Supplier<SessionCredentialsCache> cache, Region region, URI stsEndpoint) {
    }

    /**
     * The settings of a command.
     *
     * @param profileOption the {@code --profile} option, or null: a profile named there wins over
     *     {@code AWS_PROFILE} and over static keys in the environment, as in the AWS CLI
     */
    AwsSettings(Console console, String profileOption) {
        this.console = console;
        this.profileOption = profileOption;
    }

    /** The named profile, from {@code --profile}, else {@code AWS_PROFILE}, or null for the default profile. */
    String profile() {
        return profileOption != null ? profileOption : console.env("AWS_PROFILE");
    }

    /**
     * The credentials provider. Static keys from system properties or the environment come first,
     * unless a profile was named on the command line. A profile that assumes a role ({@code role_arn},
     * possibly with {@code mfa_serial}) is resolved by {@link ProfileRoleCredentialsProvider} with the
     * given MFA prompt and session cache, when it is named on the command line or when no web
     * identity is configured (which the SDK's chain would take first). Anything else goes to the
     * SDK's default chain for the profile. The caller closes the provider
     * ({@link #close(AwsCredentialsProvider)}).
     *
     * @throws CliException when the profile named on the command line does not exist or cannot be used
     */
    AwsCredentialsProvider credentials(RoleSupport roles) {
        if (profileOption == null) {
            if (System.getProperty("aws.accessKeyId") != null) {
                return SystemPropertyCredentialsProvider.create();
            }
            String key = console.env("AWS_ACCESS_KEY_ID");
            String secret = console.env("AWS_SECRET_ACCESS_KEY");
            if (key != null && secret != null) {
                String session = console.env("AWS_SESSION_TOKEN");
                return StaticCredentialsProvider.create(session != null
                        ? AwsSessionCredentials.create(key, secret, session)
                        : AwsBasicCredentials.create(key, secret));
            }
        }
        String name = profile() != null ? profile() : "default";
        boolean webIdentity = console.env("AWS_WEB_IDENTITY_TOKEN_FILE") != null
                || System.getProperty("aws.webIdentityTokenFile") != null;
        if (profileOption != null || (!webIdentity && ProfileRoleCredentialsProvider.assumesRole(profileFile(), name))) {
            ProfileRoleCredentialsProvider.Builder profile = ProfileRoleCredentialsProvider.builder()
                    .profileFile(profileFile()).profileName(name).mfaCodeSource(roles.mfa())
                    .credentialsCache(roles.cache().get()).region(roles.region()).clock(console.clock());
            if (roles.stsEndpoint() != null) {
                profile.stsEndpoint(roles.stsEndpoint());
            }
            try {
                return profile.build();
            } catch (IllegalStateException e) {
                throw new CliException(ExitCode.NO_CREDENTIALS, e.getMessage());
            }
        }
        DefaultCredentialsProvider.Builder chain = DefaultCredentialsProvider.builder().profileFile(this::profileFile);
        if (profile() != null) {
            chain.profileName(profile());
        }
        return chain.build();
    }

    /** The access key id of static credentials, or null: part of a cache key, never a secret. */
    String staticAccessKeyId() {
        if (profileOption != null) {
            return null;
        }
        String property = System.getProperty("aws.accessKeyId");
        return property != null ? property : console.env("AWS_ACCESS_KEY_ID");
    }

    /**
     * What decides which identity the credentials are, for a cache key: the static access key id,
     * the profile, the path and a SHA-256 of the content of each profile file, and the web-identity,
     * container and instance-metadata settings. Holds no secret: files appear as hashes of their content.
     */
    List<String> identitySources() {
        List<String> sources = new ArrayList<>();
        sources.add(staticAccessKeyId());
        sources.add(profile());
        for (ProfileSource file : profileSources()) {
            sources.add(file.type() + "=" + file.path().toAbsolutePath().normalize());
            sources.add(file.content() == null ? "absent" : sha256(file.content()));
        }
        for (String name : SOURCES) {
            sources.add(name + "=" + console.env(name));
        }
        for (String name : SOURCE_PROPERTIES) {
            sources.add(name + "=" + System.getProperty(name));
        }
        // A secret: only whether it is set.
        sources.add("AWS_CONTAINER_AUTHORIZATION_TOKEN set=" + (console.env("AWS_CONTAINER_AUTHORIZATION_TOKEN") != null
                || System.getProperty("aws.containerAuthorizationToken") != null));
        return sources;
    }

    /** The profiles the SDK reads, from the files this class names, parsed once. */
    synchronized ProfileFile profileFile() {
        if (profileFile != null) {
            return profileFile;
        }
        ProfileFile.Aggregator all = ProfileFile.aggregator();
        for (ProfileSource file : profileSources()) {
            if (file.content() != null) {
                all.addFile(ProfileFile.builder().content(new ByteArrayInputStream(file.content())).type(file.type())
                        .build());
            }
        }
        profileFile = all.build();
        return profileFile;
    }

    private synchronized List<ProfileSource> profileSources() {
        if (profiles == null) {
            profiles = List.of(
                    source(ProfileFile.Type.CONFIGURATION, "aws.configFile", "AWS_CONFIG_FILE", "config"),
                    source(ProfileFile.Type.CREDENTIALS, "aws.sharedCredentialsFile", "AWS_SHARED_CREDENTIALS_FILE",
                            "credentials"));
        }
        return profiles;
    }

    private ProfileSource source(ProfileFile.Type type, String property, String variable, String name) {
        String setting = System.getProperty(property) != null ? System.getProperty(property) : console.env(variable);
        Path path = setting != null ? home(setting) : home("~").resolve(".aws").resolve(name);
        try {
            return new ProfileSource(path, type, Files.readAllBytes(path));
        } catch (NoSuchFileException e) {
            return new ProfileSource(path, type, null);
        } catch (IOException e) {
            throw new CliException(ExitCode.INPUT, "cannot read the AWS " + name + " file " + path + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** A path with a leading {@code ~} replaced by the home directory, as the SDK does. */
    private Path home(String path) {
        if (!path.equals("~") && !path.startsWith("~/")) {
            return Path.of(path);
        }
        String home = console.env("HOME") != null ? console.env("HOME") : System.getProperty("user.home");
        return Path.of(home + path.substring(1));
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /** Closes a provider that {@link #credentials()} created, when it holds resources. */
    static void close(AwsCredentialsProvider provider) {
        if (provider instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // Nothing to report: the command's work is done.
            }
        }
    }

    /**
     * The region: the option, else {@code AWS_REGION}, else {@code AWS_DEFAULT_REGION}, else the
     * profile's, else {@code us-east-1}.
     */
    Region region(String option) {
        String id = option != null ? option : console.env("AWS_REGION");
        if (id == null) {
            id = console.env("AWS_DEFAULT_REGION");
        }
        if (id != null) {
            try {
                return Region.of(SettingChecks.regionName(id, "the region"));
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCode.USAGE, e.getMessage());
            }
        }
        try {
            DefaultAwsRegionProviderChain.Builder chain = DefaultAwsRegionProviderChain.builder().profileFile(this::profileFile);
            if (profile() != null) {
                chain.profileName(profile());
            }
            return chain.build().getRegion();
        } catch (SdkClientException e) {
            return Region.US_EAST_1;
        }
    }

    /** Where STS API calls (AssumeRole) go: the option, else {@link #endpoint(String) endpoint("STS")}. */
    URI stsApiEndpoint(URI option) {
        return option != null ? option : endpoint("STS");
    }

    /**
     * Where a service's API calls go, as the AWS SDK and CLI read it: {@code AWS_ENDPOINT_URL_<SERVICE>},
     * else {@code AWS_ENDPOINT_URL}; null for the region's own endpoint.
     *
     * @param service the service's name in the variable, e.g. {@code STS}, {@code EC2}, {@code EKS}
     * @throws CliException when the variable is not an http or https URL
     */
    URI endpoint(String service) {
        String name = console.env("AWS_ENDPOINT_URL_" + service) != null ? "AWS_ENDPOINT_URL_" + service : "AWS_ENDPOINT_URL";
        String url = console.env(name);
        return url == null ? null : Urls.parse(url, name);
    }
}
