package dev.eksauth.token;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.eksauth.core.SettingChecks;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The credentials of a named AWS CLI profile, with what the SDK's profile provider lacks for
 * profiles that assume a role: {@code mfa_serial} (the code asked through an {@link MfaCodeSource},
 * at whichever step of a {@code source_profile} chain it is set) and session credentials kept in a
 * {@link SessionCredentialsCache}. A profile with {@code role_arn} takes its caller from
 * {@code source_profile} (recursively) or {@code credential_source} ({@code Environment},
 * {@code Ec2InstanceMetadata}, {@code EcsContainer}) and honours {@code role_session_name},
 * {@code external_id} and {@code duration_seconds}; each step is an {@link AssumeRoleCredentialsProvider}.
 * Any other profile (static keys, SSO, {@code credential_process}, web identity) is resolved by the
 * SDK's {@link ProfileCredentialsProvider}.
 *
 * <pre>{@code
 * ProfileRoleCredentialsProvider dev = ProfileRoleCredentialsProvider.builder()
 *         .profileFile(ProfileFile.defaultProfileFile()).profileName("team-dev")
 *         .mfaCodeSource(serial -> askTheUser(serial)).build();
 * }</pre>
 *
 * <p>Thread-safe; {@link #close()} closes the providers it created. Errors: {@link Builder#build()}
 * throws {@link IllegalStateException} for a profile that does not exist or is not usable (a loop
 * of source profiles, a role without a source, an MFA device without an {@link MfaCodeSource});
 * {@code resolveCredentials} throws the SDK's exceptions, as {@link AssumeRoleCredentialsProvider} does.
 */
public final class ProfileRoleCredentialsProvider implements AwsCredentialsProvider, SdkAutoCloseable {
    private final AwsCredentialsProvider delegate;
    private final List<SdkAutoCloseable> created;
    private final String profileName;

    private ProfileRoleCredentialsProvider(BuilderImpl b) {
        this.profileName = b.profileName;
        this.created = new ArrayList<>();
        this.delegate = provider(b, b.profileName, new LinkedHashSet<>());
    }

    /** A builder; {@link Builder#profileFile(ProfileFile)} and {@link Builder#profileName(String)} are required. */
    public static Builder builder() {
        return new BuilderImpl();
    }

    /** Whether a profile of the file assumes a role ({@code role_arn}), so that this provider adds to the SDK's. */
    public static boolean assumesRole(ProfileFile file, String profileName) {
        return file.profile(profileName).flatMap(p -> p.property("role_arn")).isPresent();
    }

    private AwsCredentialsProvider provider(BuilderImpl b, String name, Set<String> chain) {
        if (!chain.add(name)) {
            throw new IllegalStateException("the profiles " + String.join(" -> ", chain) + " -> " + name + " form a loop");
        }
        Profile profile = b.profileFile.profile(name)
                .orElseThrow(() -> new IllegalStateException("there is no AWS profile '" + name + "'"));
        Optional<String> roleArn = profile.property("role_arn");
        if (roleArn.isEmpty()) {
            return keep(ProfileCredentialsProvider.builder().profileFile(b.profileFile).profileName(name).build());
        }
        AssumeRoleCredentialsProvider.Builder role = AssumeRoleCredentialsProvider.builder()
                .sourceCredentials(source(b, profile, chain)).credentialsCache(b.cache).clock(b.clock);
        try {
            role.roleArn(roleArn.get());
            profile.property("role_session_name").ifPresent(role::roleSessionName);
            profile.property("external_id").ifPresent(role::externalId);
            Optional<String> duration = profile.property("duration_seconds");
            if (duration.isPresent()) {
                role.duration(Duration.ofSeconds(Long.parseLong(duration.get().strip())));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("AWS profile '" + name + "': " + e.getMessage(), e);
        }
        Optional<String> mfaSerial = profile.property("mfa_serial");
        if (mfaSerial.isPresent()) {
            if (b.mfaCodeSource == null) {
                throw new IllegalStateException("AWS profile '" + name + "' needs an MFA code (mfa_serial), and no "
                        + "MfaCodeSource was given");
            }
            role.mfaSerial(mfaSerial.get(), b.mfaCodeSource);
        }
        if (b.region != null) {
            role.region(b.region);
        }
        if (b.stsEndpoint != null) {
            role.stsEndpoint(b.stsEndpoint);
        }
        return keep(role.build());
    }

    private AwsCredentialsProvider source(BuilderImpl b, Profile profile, Set<String> chain) {
        Optional<String> sourceProfile = profile.property("source_profile");
        Optional<String> credentialSource = profile.property("credential_source");
        if (sourceProfile.isPresent() == credentialSource.isPresent()) {
            throw new IllegalStateException("AWS profile '" + profile.name() + "' has role_arn and needs either "
                    + "source_profile or credential_source");
        }
        if (credentialSource.isPresent()) {
            switch (credentialSource.get()) {
                case "Environment":
                    return EnvironmentVariableCredentialsProvider.create();
                case "Ec2InstanceMetadata":
                    return keep(InstanceProfileCredentialsProvider.create());
                case "EcsContainer":
                    return keep(ContainerCredentialsProvider.create());
                default:
                    throw new IllegalStateException("AWS profile '" + profile.name() + "' has credential_source '"
                            + credentialSource.get() + "'; expected Environment, Ec2InstanceMetadata or EcsContainer");
            }
        }
        String name = sourceProfile.get();
        if (name.equals(profile.name())) {
            return StaticCredentialsProvider.create(staticKeys(profile));
        }
        return provider(b, name, chain);
    }

    /** The keys of a profile that is its own source profile. */
    private static AwsCredentials staticKeys(Profile profile) {
        Optional<String> key = profile.property("aws_access_key_id");
        Optional<String> secret = profile.property("aws_secret_access_key");
        if (key.isEmpty() || secret.isEmpty()) {
            throw new IllegalStateException("AWS profile '" + profile.name() + "' is its own source_profile and has no "
                    + "aws_access_key_id and aws_secret_access_key");
        }
        Optional<String> session = profile.property("aws_session_token");
        return session.isPresent() ? AwsSessionCredentials.create(key.get(), secret.get(), session.get())
                : AwsBasicCredentials.create(key.get(), secret.get());
    }

    private AwsCredentialsProvider keep(AwsCredentialsProvider provider) {
        if (provider instanceof SdkAutoCloseable closeable) {
            created.add(closeable);
        }
        return provider;
    }

    @Override
    public AwsCredentials resolveCredentials() {
        return delegate.resolveCredentials();
    }

    /** Closes the providers this one created. */
    @Override
    public void close() {
        created.forEach(SdkAutoCloseable::close);
    }

    @Override
    public String toString() {
        return "ProfileRoleCredentialsProvider[profile=" + profileName + "]";
    }

    /** Configures a {@link ProfileRoleCredentialsProvider}. Not thread-safe. */
    public interface Builder {
        /** The profiles; required (the SDK's {@code ProfileFile.defaultProfileFile()} reads the usual files). */
        Builder profileFile(ProfileFile profileFile);

        /** The profile to use; required. */
        Builder profileName(String profileName);

        /** Where MFA codes come from; required only when a profile of the chain has {@code mfa_serial}. */
        Builder mfaCodeSource(MfaCodeSource mfaCodeSource);

        /** Where role sessions are kept; default {@link SessionCredentialsCache#none()}. */
        Builder credentialsCache(SessionCredentialsCache cache);

        /** The region of the STS endpoint; default the SDK's region chain. */
        Builder region(Region region);

        /**
         * Another STS endpoint for AssumeRole.
         *
         * @throws IllegalArgumentException as {@link AssumeRoleCredentialsProvider.Builder#stsEndpoint(URI)}
         */
        Builder stsEndpoint(URI endpoint);

        /** The clock that decides when credentials are due; default the system UTC clock. */
        Builder clock(Clock clock);

        /**
         * Builds the provider, reading the profile chain now.
         *
         * @throws IllegalStateException when a required setting is missing or the profile is not usable
         */
        ProfileRoleCredentialsProvider build();
    }

    private static final class BuilderImpl implements Builder {
        private ProfileFile profileFile;
        private String profileName;
        private MfaCodeSource mfaCodeSource;
        private SessionCredentialsCache cache = SessionCredentialsCache.none();
        private Region region;
        private URI stsEndpoint;
        private Clock clock = Clock.systemUTC();

        @Override
        public Builder profileFile(ProfileFile profileFile) {
            this.profileFile = Objects.requireNonNull(profileFile, "profileFile");
            return this;
        }

        @Override
        public Builder profileName(String profileName) {
            Objects.requireNonNull(profileName, "profileName");
            if (profileName.isBlank()) {
                throw new IllegalArgumentException("profileName must not be blank");
            }
            this.profileName = profileName;
            return this;
        }

        @Override
        public Builder mfaCodeSource(MfaCodeSource mfaCodeSource) {
            this.mfaCodeSource = Objects.requireNonNull(mfaCodeSource, "mfaCodeSource");
            return this;
        }

        @Override
        public Builder credentialsCache(SessionCredentialsCache cache) {
            this.cache = Objects.requireNonNull(cache, "cache");
            return this;
        }

        @Override
        public Builder region(Region region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        @Override
        public Builder stsEndpoint(URI endpoint) {
            this.stsEndpoint = SettingChecks.endpointOverride(endpoint, "stsEndpoint");
            return this;
        }

        @Override
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        @Override
        public ProfileRoleCredentialsProvider build() {
            if (profileFile == null || profileName == null) {
                throw new IllegalStateException("profileFile and profileName are required");
            }
            return new ProfileRoleCredentialsProvider(this);
        }
    }
}
