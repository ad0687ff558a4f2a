package dev.eksauth.webidentity;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import dev.eksauth.core.SettingChecks;
import dev.eksauth.webidentity.internal.StsErrors;
import dev.eksauth.webidentity.internal.TokenText;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleWithWebIdentityCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityRequest;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * AWS credentials for a web identity: exchanges an OIDC ID token (in EKS, the pod's projected
 * service-account token) for a role session through STS AssumeRoleWithWebIdentity.
 *
 * <pre>{@code
 * try (WebIdentityCredentialsProvider credentials = WebIdentityCredentialsProvider.create()) { // IRSA
 *     S3Client s3 = S3Client.builder().credentialsProvider(credentials).build();
 * }
 * }</pre>
 *
 * <p>The session is kept by the AWS SDK's {@link StsAssumeRoleWithWebIdentityCredentialsProvider}:
 * credentials are cached and refreshed before they expire ({@link Builder#prefetchTime} before
 * expiry one caller refreshes them, {@link Builder#staleTime} before expiry every caller waits for
 * the refresh), so resolving credentials costs no STS call while they are fresh. For every STS call
 * the token is asked afresh of its {@link WebIdentityTokenSource}, so a token file the kubelet
 * rotated is picked up, and no token is kept past the call. AssumeRoleWithWebIdentity is not
 * signed: the STS client this provider builds uses anonymous credentials and the JDK's
 * {@code HttpURLConnection}.
 *
 * <p>Errors are {@link WebIdentityException}s naming the token file or the role and STS's error
 * code: an {@link InvalidWebIdentityException} when the token cannot be read or STS refuses it, a
 * {@link WebIdentityUnavailableException} (a {@link WebIdentityThrottledException} when throttled)
 * when STS cannot be reached or fails. Neither they nor {@link #toString()} contain the token.
 * Thread-safe; {@link #close()} stops the refreshes and closes the STS client the provider built
 * (not one given to the builder).
 */
public final class WebIdentityCredentialsProvider implements AwsCredentialsProvider, SdkAutoCloseable {
    /** The shortest session STS grants. */
    private static final Duration MIN_DURATION = Duration.ofMinutes(15);
    /** The longest session STS grants (a role's maximum may be lower). */
    private static final Duration MAX_DURATION = Duration.ofHours(12);

    private final WebIdentityTokenSource tokenSource;
    private final String roleArn;
    private final String roleSessionName;
    private final Optional<Region> region;
    private final StsClient ownedClient;
    private final StsAssumeRoleWithWebIdentityCredentialsProvider sessions;

    private WebIdentityCredentialsProvider(BuilderImpl b) {
        this.tokenSource = b.tokenSource;
        this.roleArn = b.roleArn;
        this.roleSessionName = b.roleSessionName != null ? b.roleSessionName : "eksauth-" + System.currentTimeMillis();
        StsClient client = b.stsClient;
        if (client == null) {
            Region stsRegion = b.region != null ? b.region : b.settingsRegion;
            this.region = Optional.ofNullable(stsRegion);
            client = buildClient(stsRegion, b.stsEndpointOverride);
            this.ownedClient = client;
        } else {
            this.region = Optional.empty();
            this.ownedClient = null;
        }
        Integer durationSeconds = b.duration == null ? null : (int) b.duration.getSeconds();
        var sdk = StsAssumeRoleWithWebIdentityCredentialsProvider.builder()
                .stsClient(client)
                .refreshRequest(() -> AssumeRoleWithWebIdentityRequest.builder()
                        .roleArn(roleArn)
                        .roleSessionName(roleSessionName)
                        .durationSeconds(durationSeconds)
                        .webIdentityToken(TokenText.from(tokenSource::token, "the web identity token source "
                                + tokenSource))
                        .build());
        if (b.staleTime != null) {
            sdk.staleTime(b.staleTime);
        }
        if (b.prefetchTime != null) {
            sdk.prefetchTime(b.prefetchTime);
        }
        this.sessions = sdk.build();
    }

    /** A builder; a token source and a role ARN are required (or {@link Builder#fromEnvironment()}). */
    public static Builder builder() {
        return new BuilderImpl();
    }

    /**
     * A provider configured from the IRSA environment: see {@link WebIdentitySettings#fromEnvironment()}.
     *
     * @throws InvalidWebIdentityException when a required variable is missing or one is malformed
     */
    public static WebIdentityCredentialsProvider create() {
        return builder().fromEnvironment().build();
    }

    /**
     * Credentials of the role session, from the cache while they are fresh, else from STS.
     *
     * @throws InvalidWebIdentityException when no token can be read, or STS refuses it
     * @throws WebIdentityUnavailableException when STS cannot be reached, fails or throttles
     */
    @Override
    public AwsCredentials resolveCredentials() {
        try {
            return sessions.resolveCredentials();
        } catch (RuntimeException e) {
            throw StsErrors.map(e, roleArn);
        }
    }

    /** The role assumed. */
    public String roleArn() {
        return roleArn;
    }

    /** The role session name: the one configured, else {@code eksauth-<epoch millis at build>}. */
    public String roleSessionName() {
        return roleSessionName;
    }

    /**
     * The STS region configured or read from the settings, if any; empty when the SDK's region chain
     * decided or an STS client was given.
     */
    public Optional<Region> region() {
        return region;
    }

    /** Where tokens come from. */
    public WebIdentityTokenSource tokenSource() {
        return tokenSource;
    }

    /** Stops refreshing credentials and closes the STS client this provider built. */
    @Override
    public void close() {
        sessions.close();
        if (ownedClient != null) {
            ownedClient.close();
        }
    }

    @Override
    public String toString() {
        return "WebIdentityCredentialsProvider[roleArn=" + roleArn + ", roleSessionName=" + roleSessionName
                + ", tokenSource=" + tokenSource + "]";
    }

    private static StsClient buildClient(Region region, URI endpoint) {
        var builder = StsClient.builder()
                .region(region != null ? region : defaultRegion())
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        try {
            return builder.build();
        } catch (RuntimeException e) {
            throw new IllegalStateException("could not build the STS client: " + e.getMessage(), e);
        }
    }

    /** The SDK's region chain (environment, system property, profile, instance metadata), else us-east-1. */
    private static Region defaultRegion() {
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (RuntimeException e) {
            return Region.US_EAST_1;
        }
    }

    /**
     * Configures a {@link WebIdentityCredentialsProvider}. Setters check their argument with
     * {@link SettingChecks} and throw {@link IllegalArgumentException} for a bad value (naming the
     * setter) and {@link NullPointerException} for null; {@link #build()} checks the combination and
     * throws {@link IllegalStateException}. Only {@link #fromEnvironment()} throws an
     * {@link InvalidWebIdentityException}, as the environment, not the caller, is at fault. Not
     * thread-safe.
     */
    public interface Builder {
        /** Where tokens come from; required unless set by {@link #tokenFile} or {@link #settings}. */
        Builder tokenSource(WebIdentityTokenSource tokenSource);

        /** Reads tokens from this file on every STS call: {@link WebIdentityTokenSource#fromFile(Path)}. */
        Builder tokenFile(Path tokenFile);

        /** The IAM role to assume, {@code arn:PARTITION:iam::ACCOUNT:role/NAME}; required. */
        Builder roleArn(String roleArn);

        /** The role session name: 2 to 64 of letters, digits and {@code +=,.@_-}; default {@code eksauth-<millis>}. */
        Builder roleSessionName(String roleSessionName);

        /** How long each session lasts, whole seconds from 15 minutes to 12 hours; default the role's (1 hour). */
        Builder duration(Duration duration);

        /** The STS region; default the SDK's region chain, else {@code us-east-1}. */
        Builder region(Region region);

        /**
         * Sends STS calls here instead (a VPC endpoint, or a test STS); not with {@link #stsClient}.
         * An http or https URL with a host and without user info, query or fragment:
         * {@link SettingChecks#endpointOverride}.
         */
        Builder stsEndpointOverride(URI endpoint);

        /** Uses this STS client, which stays open when the provider is closed; not with region or endpoint. */
        Builder stsClient(StsClient stsClient);

        /** How long before expiry callers wait for fresh credentials, up to 12 hours; default 1 minute. */
        Builder staleTime(Duration staleTime);

        /**
         * How long before expiry one caller refreshes credentials, up to 12 hours and not less than
         * the stale time; default 5 minutes.
         */
        Builder prefetchTime(Duration prefetchTime);

        /**
         * Takes the token file, role ARN, and when set the session name and region, from settings.
         * Setters called later override them; {@link #region} overrides the settings' region, which
         * is ignored when an {@link #stsClient} is given.
         */
        Builder settings(WebIdentitySettings settings);

        /**
         * Takes the settings from the IRSA environment: {@link WebIdentitySettings#fromEnvironment()}.
         *
         * @throws InvalidWebIdentityException when a required variable is missing or one is malformed
         */
        Builder fromEnvironment();

        /**
         * Builds the provider. No token is read and no STS call is made until credentials are asked for.
         *
         * @throws IllegalStateException when the token source or role ARN is missing, an STS client
         *     is given together with a region or endpoint, the prefetch time is shorter than the stale
         *     time, or the SDK cannot build the STS client
         */
        WebIdentityCredentialsProvider build();
    }

    private static final class BuilderImpl implements Builder {
        private WebIdentityTokenSource tokenSource;
        private String roleArn;
        private String roleSessionName;
        private Duration duration;
        private Region region;
        private Region settingsRegion;
        private URI stsEndpointOverride;
        private StsClient stsClient;
        private Duration staleTime;
        private Duration prefetchTime;

        @Override
        public Builder tokenSource(WebIdentityTokenSource tokenSource) {
            this.tokenSource = Objects.requireNonNull(tokenSource, "tokenSource");
            return this;
        }

        @Override
        public Builder tokenFile(Path tokenFile) {
            return tokenSource(WebIdentityTokenSource.fromFile(tokenFile));
        }

        @Override
        public Builder roleArn(String roleArn) {
            this.roleArn = SettingChecks.roleArn(roleArn, "roleArn");
            return this;
        }

        @Override
        public Builder roleSessionName(String roleSessionName) {
            this.roleSessionName = SettingChecks.roleSessionName(roleSessionName, "roleSessionName");
            return this;
        }

        @Override
        public Builder duration(Duration duration) {
            SettingChecks.within(duration, MIN_DURATION, MAX_DURATION, "duration");
            if (duration.getNano() != 0) {
                throw new IllegalArgumentException("duration must be whole seconds, was " + duration);
            }
            this.duration = duration;
            return this;
        }

        @Override
        public Builder region(Region region) {
            SettingChecks.regionName(Objects.requireNonNull(region, "region").id(), "region");
            this.region = region;
            return this;
        }

        @Override
        public Builder stsEndpointOverride(URI endpoint) {
            this.stsEndpointOverride = SettingChecks.endpointOverride(endpoint, "stsEndpointOverride");
            return this;
        }

        @Override
        public Builder stsClient(StsClient stsClient) {
            this.stsClient = Objects.requireNonNull(stsClient, "stsClient");
            return this;
        }

        @Override
        public Builder staleTime(Duration staleTime) {
            this.staleTime = SettingChecks.within(staleTime, Duration.ZERO, MAX_DURATION, "staleTime");
            return this;
        }

        @Override
        public Builder prefetchTime(Duration prefetchTime) {
            this.prefetchTime = SettingChecks.within(prefetchTime, Duration.ZERO, MAX_DURATION, "prefetchTime");
            return this;
        }

        @Override
        public Builder settings(WebIdentitySettings settings) {
            Objects.requireNonNull(settings, "settings");
            tokenFile(settings.tokenFile());
            this.roleArn = settings.roleArn();
            settings.roleSessionName().ifPresent(name -> this.roleSessionName = name);
            settings.region().ifPresent(r -> this.settingsRegion = r);
            return this;
        }

        @Override
        public Builder fromEnvironment() {
            return settings(WebIdentitySettings.fromEnvironment());
        }

        @Override
        public WebIdentityCredentialsProvider build() {
            if (tokenSource == null) {
                throw new IllegalStateException(
                        "no web identity token source: set tokenSource, tokenFile, or settings");
            }
            if (roleArn == null) {
                throw new IllegalStateException("no role ARN: set roleArn, or settings");
            }
            if (stsClient != null && (region != null || stsEndpointOverride != null)) {
                throw new IllegalStateException("an stsClient brings its own region and endpoint:"
                        + " do not also set region or stsEndpointOverride");
            }
            Duration stale = staleTime != null ? staleTime : Duration.ofMinutes(1);
            Duration prefetch = prefetchTime != null ? prefetchTime : Duration.ofMinutes(5);
            if (prefetch.compareTo(stale) < 0) {
                throw new IllegalStateException("prefetchTime " + prefetch + " must not be shorter than staleTime "
                        + stale);
            }
            return new WebIdentityCredentialsProvider(this);
        }
    }
}
