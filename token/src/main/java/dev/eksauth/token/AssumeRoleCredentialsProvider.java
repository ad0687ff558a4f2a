package dev.eksauth.token;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import dev.eksauth.core.SettingChecks;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Credentials of an assumed IAM role, as {@code aws-iam-authenticator token --role} and AWS CLI
 * profiles with {@code role_arn} get them, reused until {@link #REFRESH_MARGIN} before they expire,
 * so that a token signed with them stays valid for its whole life.
 *
 * <pre>{@code
 * AssumeRoleCredentialsProvider admin = AssumeRoleCredentialsProvider.builder()
 *         .roleArn("arn:aws:iam::111122223333:role/Admin")
 *         .mfaSerial("arn:aws:iam::111122223333:mfa/alice", serial -> askTheUser(serial))
 *         .build();
 * EksTokenGenerator generator = EksTokenGenerator.builder().clusterId("prod").credentialsProvider(admin).build();
 * }</pre>
 *
 * <p>What it adds to the SDK's {@code StsAssumeRoleCredentialsProvider}: an MFA code asked through
 * an {@link MfaCodeSource} only when the role is actually assumed; the session name of the caller's
 * own session forwarded ({@link Builder#forwardSessionName(boolean)}); and a
 * {@link SessionCredentialsCache} that several providers or processes share, keyed by the role, its
 * settings and the source identity's access key id. The STS client is created at the first AssumeRole
 * call, not before. Thread-safe; {@link #close()} closes the STS client and the default source chain
 * when it created them. Errors: {@code resolveCredentials} throws the SDK's exceptions (an STS refusal,
 * no source credentials) and {@link SdkClientException} for an MFA code that is not six digits;
 * {@link EksTokenGenerator#generate()} reports them as a {@link TokenGenerationException}.
 */
public final class AssumeRoleCredentialsProvider implements AwsCredentialsProvider, SdkAutoCloseable {
    /** Credentials are reused until this long before they expire: a token's life. */
    public static final Duration REFRESH_MARGIN = EksTokenGenerator.TOKEN_LIFETIME;
    private static final Duration MIN_DURATION = Duration.ofMinutes(15);
    private static final Duration MAX_DURATION = Duration.ofHours(12);

    private final String roleArn;
    private final String roleSessionName;
    /** {@code eksauth-<millis>} at build: the name of every session when none is set or forwarded. */
    private final String defaultSessionName;
    private final boolean forwardSessionName;
    private final String externalId;
    private final String mfaSerial;
    private final MfaCodeSource mfaCodeSource;
    private final Duration duration;
    private final AwsCredentialsProvider source;
    private final SdkAutoCloseable ownedSource;
    private final Region region;
    private final URI stsEndpoint;
    private final SessionCredentialsCache cache;
    private final Clock clock;
    private StsClient sts;
    private AwsSessionCredentials current;

    private AssumeRoleCredentialsProvider(BuilderImpl b) {
        this.roleArn = b.roleArn;
        this.roleSessionName = b.roleSessionName;
        this.defaultSessionName = "eksauth-" + b.clock.millis();
        this.forwardSessionName = b.forwardSessionName;
        this.externalId = b.externalId;
        this.mfaSerial = b.mfaSerial;
        this.mfaCodeSource = b.mfaCodeSource;
        this.duration = b.duration;
        if (b.source == null) {
            DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build();
            this.source = chain;
            this.ownedSource = chain;
        } else {
            this.source = b.source;
            this.ownedSource = null;
        }
        this.region = b.region;
        this.stsEndpoint = b.stsEndpoint;
        this.cache = b.cache;
        this.clock = b.clock;
    }

    /** A builder; {@link Builder#roleArn(String)} is required. */
    public static Builder builder() {
        return new BuilderImpl();
    }

    /**
     * Credentials of the role session valid for at least {@link #REFRESH_MARGIN}: the ones held or
     * cached, else new ones from AssumeRole (asking for an MFA code when a serial is set).
     */
    @Override
    public synchronized AwsSessionCredentials resolveCredentials() {
        Instant neededUntil = clock.instant().plus(REFRESH_MARGIN);
        if (current != null && goodUntil(current, neededUntil)) {
            return current;
        }
        AwsCredentials caller = source.resolveCredentials();
        AwsSessionCredentials fresh = cache.get(key(caller.accessKeyId()), neededUntil, this::assumeRole);
        current = goodUntil(fresh, neededUntil) ? fresh : assumeRole();
        return current;
    }

    private static boolean goodUntil(AwsSessionCredentials credentials, Instant neededUntil) {
        return credentials != null && credentials.expirationTime().map(neededUntil::isBefore).orElse(false);
    }

    /** The cache key: a SHA-256 of every setting that decides the session, and of the caller's access key id. */
    private String key(String callerAccessKeyId) {
        String session = roleSessionName != null ? "name=" + roleSessionName
                : forwardSessionName ? "forwarded" : "default";
        List<String> parts = List.of("assume-role-v1", roleArn, session, String.valueOf(externalId),
                String.valueOf(mfaSerial), String.valueOf(duration.toSeconds()), String.valueOf(region),
                String.valueOf(stsEndpoint), callerAccessKeyId);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    private AwsSessionCredentials assumeRole() {
        AssumeRoleRequest.Builder request = AssumeRoleRequest.builder().roleArn(roleArn)
                .roleSessionName(sessionName()).durationSeconds((int) duration.toSeconds());
        if (externalId != null) {
            request.externalId(externalId);
        }
        if (mfaSerial != null) {
            String code = mfaCodeSource.mfaCode(mfaSerial);
            if (code == null || !code.strip().matches("[0-9]{6}")) {
                throw SdkClientException.create("the MFA code for " + mfaSerial + " must be six digits");
            }
            request.serialNumber(mfaSerial).tokenCode(code.strip());
        }
        Credentials c = sts().assumeRole(request.build()).credentials();
        return AwsSessionCredentials.builder().accessKeyId(c.accessKeyId()).secretAccessKey(c.secretAccessKey())
                .sessionToken(c.sessionToken()).expirationTime(c.expiration()).build();
    }

    /** The session name: the one set, else the caller's own (when it is a session), else the default. */
    private String sessionName() {
        if (roleSessionName != null) {
            return roleSessionName;
        }
        if (forwardSessionName) {
            String userId = sts().getCallerIdentity().userId();
            int colon = userId.indexOf(':');
            if (colon >= 0 && userId.indexOf(':', colon + 1) < 0) {
                return SettingChecks.roleSessionName(userId.substring(colon + 1), "the caller's session name");
            }
        }
        return defaultSessionName;
    }

    private StsClient sts() {
        if (sts == null) {
            StsClientBuilder builder = StsClient.builder().credentialsProvider(source);
            if (region != null) {
                builder.region(region);
            }
            if (stsEndpoint != null) {
                builder.endpointOverride(stsEndpoint);
            }
            sts = builder.build();
        }
        return sts;
    }

    /** Closes the STS client, and the default source chain when the builder was given no source. */
    @Override
    public synchronized void close() {
        if (sts != null) {
            sts.close();
        }
        if (ownedSource != null) {
            ownedSource.close();
        }
    }

    @Override
    public String toString() {
        return "AssumeRoleCredentialsProvider[roleArn=" + roleArn + (mfaSerial == null ? "" : ", mfaSerial=" + mfaSerial) + "]";
    }

    /**
     * Configures an {@link AssumeRoleCredentialsProvider}. Each setter checks its argument;
     * {@link #build()} checks the combination. Not thread-safe.
     */
    public interface Builder {
        /**
         * The role to assume; required.
         *
         * @throws IllegalArgumentException when it is not an IAM role ARN
         */
        Builder roleArn(String roleArn);

        /**
         * The session name; default the caller's own with {@link #forwardSessionName(boolean)}, else
         * {@code eksauth-<millis>} with the clock's time at {@link #build()}, the same for every session.
         *
         * @throws IllegalArgumentException when it is not 2 to 64 of letters, digits and {@code +=,.@_-}
         */
        Builder roleSessionName(String roleSessionName);

        /**
         * Whether the session takes the session name of the caller's own session (the part of its
         * UserId after the colon, from GetCallerIdentity), as {@code aws-iam-authenticator token
         * --forward-session-name} does; callers that are no session (IAM users) get the default.
         * Default false.
         */
        Builder forwardSessionName(boolean forwardSessionName);

        /** The external id the role's trust policy requires. */
        Builder externalId(String externalId);

        /**
         * The MFA device the role's trust policy requires, and where its code comes from.
         *
         * @throws IllegalArgumentException when the serial is blank
         */
        Builder mfaSerial(String serialNumber, MfaCodeSource codeSource);

        /**
         * How long sessions last ({@code DurationSeconds}); default one hour.
         *
         * @throws IllegalArgumentException when it is not from 15 minutes to 12 hours
         */
        Builder duration(Duration duration);

        /** The caller's credentials, which assume the role; default the SDK's default chain. */
        Builder sourceCredentials(AwsCredentialsProvider source);

        /** The region of the STS endpoint; default the SDK's region chain. */
        Builder region(Region region);

        /**
         * Another STS endpoint (a VPC endpoint, a test STS).
         *
         * @throws IllegalArgumentException when it is not an {@code http} or {@code https} URL with a
         *     host and without user info, query or fragment
         */
        Builder stsEndpoint(URI endpoint);

        /** Where sessions are kept between providers or processes; default {@link SessionCredentialsCache#none()}. */
        Builder credentialsCache(SessionCredentialsCache cache);

        /** The clock that decides when credentials are due; default the system UTC clock. */
        Builder clock(Clock clock);

        /**
         * Builds the provider.
         *
         * @throws IllegalStateException when the role ARN is missing, or a session name is set
         *     together with forwarding
         */
        AssumeRoleCredentialsProvider build();
    }

    private static final class BuilderImpl implements Builder {
        private String roleArn;
        private String roleSessionName;
        private boolean forwardSessionName;
        private String externalId;
        private String mfaSerial;
        private MfaCodeSource mfaCodeSource;
        private Duration duration = Duration.ofHours(1);
        private AwsCredentialsProvider source;
        private Region region;
        private URI stsEndpoint;
        private SessionCredentialsCache cache = SessionCredentialsCache.none();
        private Clock clock = Clock.systemUTC();

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
        public Builder forwardSessionName(boolean forwardSessionName) {
            this.forwardSessionName = forwardSessionName;
            return this;
        }

        @Override
        public Builder externalId(String externalId) {
            this.externalId = Objects.requireNonNull(externalId, "externalId");
            return this;
        }

        @Override
        public Builder mfaSerial(String serialNumber, MfaCodeSource codeSource) {
            Objects.requireNonNull(serialNumber, "serialNumber");
            if (serialNumber.isBlank()) {
                throw new IllegalArgumentException("serialNumber must not be blank");
            }
            this.mfaSerial = serialNumber;
            this.mfaCodeSource = Objects.requireNonNull(codeSource, "codeSource");
            return this;
        }

        @Override
        public Builder duration(Duration duration) {
            this.duration = SettingChecks.within(duration, MIN_DURATION, MAX_DURATION, "duration");
            return this;
        }

        @Override
        public Builder sourceCredentials(AwsCredentialsProvider source) {
            this.source = Objects.requireNonNull(source, "source");
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
        public Builder credentialsCache(SessionCredentialsCache cache) {
            this.cache = Objects.requireNonNull(cache, "cache");
            return this;
        }

        @Override
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        @Override
        public AssumeRoleCredentialsProvider build() {
            if (roleArn == null) {
                throw new IllegalStateException("roleArn is required");
            }
            if (roleSessionName != null && forwardSessionName) {
                throw new IllegalStateException("set either roleSessionName or forwardSessionName, not both");
            }
            return new AssumeRoleCredentialsProvider(this);
        }
    }
}
