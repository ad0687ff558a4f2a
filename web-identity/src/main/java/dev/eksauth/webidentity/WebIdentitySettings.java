package dev.eksauth.webidentity;

import static dev.eksauth.webidentity.InvalidWebIdentityException.Reason.INVALID_SETTING;
import static dev.eksauth.webidentity.InvalidWebIdentityException.Reason.MISSING_SETTING;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import dev.eksauth.core.SettingChecks;
import software.amazon.awssdk.regions.Region;

/**
 * What a pod with IAM roles for service accounts (IRSA) is told: where its token file is, which
 * role to assume, and optionally the session name and region. Holds no secret. Immutable and
 * thread-safe.
 *
 * <p>{@link #fromEnvironment()} reads what the EKS pod-identity webhook sets, and the AWS SDK's
 * system properties, which win over the environment as they do in the SDK:
 *
 * <table>
 *   <caption>Settings and where they come from</caption>
 *   <tr><th>setting</th><th>system property</th><th>environment variable</th></tr>
 *   <tr><td>token file (required)</td><td>{@code aws.webIdentityTokenFile}</td>
 *       <td>{@code AWS_WEB_IDENTITY_TOKEN_FILE}</td></tr>
 *   <tr><td>role ARN (required)</td><td>{@code aws.roleArn}</td><td>{@code AWS_ROLE_ARN}</td></tr>
 *   <tr><td>session name</td><td>{@code aws.roleSessionName}</td><td>{@code AWS_ROLE_SESSION_NAME}</td></tr>
 *   <tr><td>region</td><td>{@code aws.region}</td><td>{@code AWS_REGION}, then {@code AWS_DEFAULT_REGION}</td></tr>
 * </table>
 *
 * <p>Blank values count as unset; surrounding whitespace is removed. A missing or malformed value
 * is an {@link InvalidWebIdentityException} that names the variable or property: the environment
 * is the input here, not the caller's code.
 *
 * @param tokenFile the web-identity token file
 * @param roleArn the IAM role to assume, {@code arn:PARTITION:iam::ACCOUNT:role/NAME}
 * @param roleSessionName the role session name, when one is set
 * @param region the STS region, when one is set
 */
public record WebIdentitySettings(Path tokenFile, String roleArn, Optional<String> roleSessionName,
        Optional<Region> region) {

    /** Environment variable naming the token file. */
    public static final String ENV_TOKEN_FILE = "AWS_WEB_IDENTITY_TOKEN_FILE";
    /** Environment variable naming the role. */
    public static final String ENV_ROLE_ARN = "AWS_ROLE_ARN";
    /** Environment variable naming the role session. */
    public static final String ENV_ROLE_SESSION_NAME = "AWS_ROLE_SESSION_NAME";
    /** Environment variable naming the region. */
    public static final String ENV_REGION = "AWS_REGION";
    /** Environment variable naming the region when {@link #ENV_REGION} is unset. */
    public static final String ENV_DEFAULT_REGION = "AWS_DEFAULT_REGION";
    /** System property naming the token file. */
    public static final String PROPERTY_TOKEN_FILE = "aws.webIdentityTokenFile";
    /** System property naming the role. */
    public static final String PROPERTY_ROLE_ARN = "aws.roleArn";
    /** System property naming the role session. */
    public static final String PROPERTY_ROLE_SESSION_NAME = "aws.roleSessionName";
    /** System property naming the region. */
    public static final String PROPERTY_REGION = "aws.region";

    /**
     * Checks the settings, as the builder's setters do.
     *
     * @throws IllegalArgumentException when the role ARN is not an IAM role, the session name is not
     *     one STS accepts, or the region is not a region name
     */
    public WebIdentitySettings {
        Objects.requireNonNull(tokenFile, "tokenFile");
        SettingChecks.roleArn(roleArn, "roleArn");
        Objects.requireNonNull(roleSessionName, "roleSessionName");
        Objects.requireNonNull(region, "region");
        roleSessionName.ifPresent(name -> SettingChecks.roleSessionName(name, "roleSessionName"));
        region.ifPresent(r -> SettingChecks.regionName(r.id(), "region"));
    }

    /**
     * Reads the settings from this process's system properties and environment.
     *
     * @throws InvalidWebIdentityException when the token file or role ARN is not set
     *     ({@code MISSING_SETTING}), or a setting is malformed ({@code INVALID_SETTING}); the message
     *     names the variable or property
     */
    public static WebIdentitySettings fromEnvironment() {
        return fromEnvironment(System::getenv, System::getProperty);
    }

    /**
     * Reads the settings through the given lookups, e.g. {@code Map.of(...)::get} in tests.
     *
     * @param environment looks up an environment variable; returns null when unset
     * @param systemProperties looks up a system property; returns null when unset
     * @throws InvalidWebIdentityException when the token file or role ARN is not set
     *     ({@code MISSING_SETTING}), or a setting is malformed ({@code INVALID_SETTING}); the message
     *     names the variable or property
     */
    public static WebIdentitySettings fromEnvironment(Function<String, String> environment,
            Function<String, String> systemProperties) {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(systemProperties, "systemProperties");
        Lookup lookup = new Lookup(environment, systemProperties);

        Setting file = lookup.required(PROPERTY_TOKEN_FILE, ENV_TOKEN_FILE, "the path of the web identity token file,"
                + " e.g. /var/run/secrets/eks.amazonaws.com/serviceaccount/token");
        Setting role = lookup.required(PROPERTY_ROLE_ARN, ENV_ROLE_ARN,
                "the IAM role to assume, arn:PARTITION:iam::ACCOUNT:role/NAME");
        Path tokenFile;
        try {
            tokenFile = Path.of(file.value());
        } catch (InvalidPathException e) {
            throw new InvalidWebIdentityException(INVALID_SETTING,
                    file.name() + " is not a valid path: " + e.getReason(), e);
        }
        try {
            String roleArn = SettingChecks.roleArn(role.value(), role.name());
            Optional<String> session = lookup.optional(PROPERTY_ROLE_SESSION_NAME, ENV_ROLE_SESSION_NAME)
                    .map(s -> SettingChecks.roleSessionName(s.value(), s.name()));
            Optional<Region> region = lookup.optional(PROPERTY_REGION, ENV_REGION)
                    .or(() -> lookup.optional(null, ENV_DEFAULT_REGION))
                    .map(s -> Region.of(SettingChecks.regionName(s.value(), s.name())));
            return new WebIdentitySettings(tokenFile, roleArn, session, region);
        } catch (IllegalArgumentException e) {
            // The checks name the variable or property the value came from.
            throw new InvalidWebIdentityException(INVALID_SETTING, e.getMessage(), e);
        }
    }

    /** A value and the name of the variable or property it came from. */
    private record Setting(String name, String value) {
    }

    private record Lookup(Function<String, String> environment, Function<String, String> systemProperties) {
        Optional<Setting> optional(String property, String variable) {
            if (property != null) {
                String value = systemProperties.apply(property);
                if (value != null && !value.isBlank()) {
                    return Optional.of(new Setting("system property " + property, value.strip()));
                }
            }
            String value = environment.apply(variable);
            if (value != null && !value.isBlank()) {
                return Optional.of(new Setting("environment variable " + variable, value.strip()));
            }
            return Optional.empty();
        }

        Setting required(String property, String variable, String expected) {
            return optional(property, variable).orElseThrow(() -> new InvalidWebIdentityException(MISSING_SETTING,
                    "environment variable " + variable + " (or system property " + property + ") is not set; expected "
                            + expected));
        }
    }
}
