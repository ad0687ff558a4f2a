package dev.eksauth.token;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Objects;

import dev.eksauth.core.Partition;
import dev.eksauth.core.SettingChecks;
import dev.eksauth.core.StsHost;
import dev.eksauth.token.internal.Regions;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Generates EKS bearer tokens: presigned STS GetCallerIdentity URLs, signed with SigV4 by the AWS
 * SDK for service {@code sts}, with the cluster id in the signed header {@code x-k8s-aws-id} and
 * {@code X-Amz-Expires=60}.
 *
 * <pre>{@code
 * EksTokenGenerator generator = EksTokenGenerator.builder().clusterId("prod").region(Region.US_WEST_2).build();
 * EksToken token = generator.generate();
 * }</pre>
 *
 * <p>Credentials come from any {@link AwsCredentialsProvider}, by default the SDK's default chain
 * (environment, system properties, profiles including SSO, web identity, container and instance
 * credentials). Optionally a role is assumed first, through an {@link AssumeRoleCredentialsProvider},
 * which keeps the role session until 15 minutes before it expires, so every token it signs stays
 * valid for its whole life. Thread-safe; {@link #close()} releases the STS client of an assumed role.
 */
public final class EksTokenGenerator implements SdkAutoCloseable {
    /** The header that binds a token to a cluster. */
    public static final String CLUSTER_ID_HEADER = "x-k8s-aws-id";
    /** STS accepts a token for this long after signing. */
    public static final Duration TOKEN_LIFETIME = Duration.ofMinutes(15);
    /** Clients report a token as expired this long after signing. */
    public static final Duration REPORTED_LIFETIME = Duration.ofMinutes(14);
    private static final Duration PRESIGN_EXPIRES = Duration.ofSeconds(60);
    private static final String QUERY = "Action=GetCallerIdentity&Version=2011-06-15";

    private final String clusterId;
    private final Region signingRegion;
    private final StsHost host;
    private final AwsCredentialsProvider credentials;
    private final AssumeRoleCredentialsProvider assumedRole;
    private final SdkAutoCloseable ownedCredentials;
    private final Clock clock;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    private EksTokenGenerator(BuilderImpl b) {
        this.clusterId = b.clusterId;
        this.clock = b.clock;
        Region region = b.region != null ? b.region : Regions.fromDefaultChain();
        Partition partition = Regions.partitionOf(region);
        if (b.endpointType == StsEndpointType.GLOBAL) {
            if (partition != Partition.AWS || b.fips || b.dualstack) {
                throw new IllegalStateException("the global STS endpoint exists only in the aws partition,"
                        + " without FIPS or dual-stack; use StsEndpointType.REGIONAL");
            }
            this.host = StsHost.global();
            this.signingRegion = Region.US_EAST_1;
        } else {
            this.host = StsHost.regional(partition, region.id(), Regions.variant(b.fips, b.dualstack));
            this.signingRegion = region;
        }
        AwsCredentialsProvider base = b.credentialsProvider;
        if (base == null) {
            DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build();
            base = chain;
            this.ownedCredentials = chain;
        } else {
            this.ownedCredentials = null;
        }
        if (b.roleArn == null) {
            this.assumedRole = null;
            this.credentials = base;
        } else {
            AssumeRoleCredentialsProvider.Builder role = AssumeRoleCredentialsProvider.builder()
                    .roleArn(b.roleArn).sourceCredentials(base).region(region).clock(clock);
            if (b.roleSessionName != null) {
                role.roleSessionName(b.roleSessionName);
            }
            if (b.externalId != null) {
                role.externalId(b.externalId);
            }
            if (b.assumeRoleEndpoint != null) {
                role.stsEndpoint(b.assumeRoleEndpoint);
            }
            this.assumedRole = role.build();
            this.credentials = assumedRole;
        }
    }

    /** A builder; {@link Builder#clusterId(String)} is required. */
    public static Builder builder() {
        return new BuilderImpl();
    }

    /** A generator for a cluster with the default credentials chain and region. */
    public static EksTokenGenerator create(String clusterId) {
        return builder().clusterId(clusterId).build();
    }

    /**
     * Generates a token, signed now.
     *
     * @throws TokenGenerationException when credentials cannot be resolved or the request cannot be signed
     */
    public EksToken generate() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        AwsCredentialsIdentity identity;
        try {
            identity = credentials.resolveCredentials();
        } catch (RuntimeException e) {
            throw new TokenGenerationException("could not resolve AWS credentials: " + e.getMessage(), e);
        }
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.GET)
                .uri(URI.create("https://" + host.hostname() + "/?" + QUERY))
                .putHeader(CLUSTER_ID_HEADER, clusterId)
                .build();
        SignedRequest signed;
        try {
            signed = signer.sign(r -> r.identity(identity)
                    .request(request)
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sts")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, signingRegion.id())
                    .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                    .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, PRESIGN_EXPIRES)
                    .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                    .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(now, java.time.ZoneOffset.UTC)));
        } catch (RuntimeException e) {
            throw new TokenGenerationException("could not sign the STS request: " + e.getMessage(), e);
        }
        String url = signed.request().getUri().toString();
        String value = EksToken.PREFIX
                + Base64.getUrlEncoder().withoutPadding().encodeToString(url.getBytes(StandardCharsets.UTF_8));
        return new EksToken(value, now.plus(REPORTED_LIFETIME));
    }

    /** The cluster id tokens are bound to. */
    public String clusterId() {
        return clusterId;
    }

    /** The STS host tokens are signed for. */
    public StsHost stsHost() {
        return host;
    }

    /**
     * Closes what the generator created: the default credentials chain and the assume-role provider
     * and STS client. A credentials provider given to the builder is left open.
     */
    @Override
    public void close() {
        if (assumedRole != null) {
            assumedRole.close();
        }
        if (ownedCredentials != null) {
            ownedCredentials.close();
        }
    }

    @Override
    public String toString() {
        return "EksTokenGenerator[clusterId=" + clusterId + ", stsHost=" + host.hostname()
                + ", assumesRole=" + (assumedRole != null) + "]";
    }

    /**
     * Configures an {@link EksTokenGenerator}. Each setter checks its argument; {@link #build()} checks
     * the combination. Not thread-safe.
     */
    public interface Builder {
        /** The cluster id (or name) tokens are bound to; required. */
        Builder clusterId(String clusterId);

        /** Where credentials come from; default the SDK's default credentials chain. */
        Builder credentialsProvider(AwsCredentialsProvider credentialsProvider);

        /** The signing region; default the SDK's region chain, else {@code us-east-1}. */
        Builder region(Region region);

        /** Regional (default) or global STS endpoint. */
        Builder stsEndpointType(StsEndpointType type);

        /** Sign for the FIPS endpoint {@code sts-fips.<region>.<domain>}; default false. */
        Builder fipsEnabled(boolean fipsEnabled);

        /** Sign for the dual-stack endpoint {@code sts.<region>.<dual-stack domain>}; default false. */
        Builder dualstackEnabled(boolean dualstackEnabled);

        /**
         * Assume this role before signing; tokens then identify the role session.
         *
         * @throws IllegalArgumentException when it is not an IAM role ARN
         */
        Builder roleArn(String roleArn);

        /**
         * The session name of the assumed role; default {@code eksauth-<millis>}.
         *
         * @throws IllegalArgumentException when it is not 2 to 64 of letters, digits and {@code +=,.@_-}
         */
        Builder roleSessionName(String roleSessionName);

        /** The external id the assumed role's trust policy requires, if any. */
        Builder externalId(String externalId);

        /**
         * An STS endpoint for AssumeRole calls (a VPC endpoint, or a test STS): an {@code http} or
         * {@code https} URL with a host and without user info, query or fragment, as the verifier's
         * {@link EksTokenVerifier.Builder#stsEndpointOverride(URI)} takes.
         *
         * @throws IllegalArgumentException when it is not
         */
        Builder assumeRoleEndpoint(URI endpoint);

        /** The clock that dates signatures; default the system UTC clock. */
        Builder clock(Clock clock);

        /**
         * Builds the generator.
         *
         * @throws IllegalStateException when the cluster id is missing, or the global endpoint is asked
         *     outside the aws partition or with FIPS or dual-stack, or dual-stack is asked in a partition
         *     without it
         */
        EksTokenGenerator build();
    }

    private static final class BuilderImpl implements Builder {
        private String clusterId;
        private AwsCredentialsProvider credentialsProvider;
        private Region region;
        private StsEndpointType endpointType = StsEndpointType.REGIONAL;
        private boolean fips;
        private boolean dualstack;
        private String roleArn;
        private String roleSessionName;
        private String externalId;
        private URI assumeRoleEndpoint;
        private Clock clock = Clock.systemUTC();

        @Override
        public Builder clusterId(String clusterId) {
            this.clusterId = Arguments.clusterId(clusterId);
            return this;
        }

        @Override
        public Builder credentialsProvider(AwsCredentialsProvider credentialsProvider) {
            this.credentialsProvider = Objects.requireNonNull(credentialsProvider, "credentialsProvider");
            return this;
        }

        @Override
        public Builder region(Region region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        @Override
        public Builder stsEndpointType(StsEndpointType type) {
            this.endpointType = Objects.requireNonNull(type, "type");
            return this;
        }

        @Override
        public Builder fipsEnabled(boolean fipsEnabled) {
            this.fips = fipsEnabled;
            return this;
        }

        @Override
        public Builder dualstackEnabled(boolean dualstackEnabled) {
            this.dualstack = dualstackEnabled;
            return this;
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
        public Builder externalId(String externalId) {
            this.externalId = Objects.requireNonNull(externalId, "externalId");
            return this;
        }

        @Override
        public Builder assumeRoleEndpoint(URI endpoint) {
            this.assumeRoleEndpoint = SettingChecks.endpointOverride(endpoint, "assumeRoleEndpoint");
            return this;
        }

        @Override
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        @Override
        public EksTokenGenerator build() {
            if (clusterId == null) {
                throw new IllegalStateException("clusterId is required");
            }
            if ((roleSessionName != null || externalId != null || assumeRoleEndpoint != null) && roleArn == null) {
                throw new IllegalStateException("roleSessionName, externalId and assumeRoleEndpoint need roleArn");
            }
            try {
                return new EksTokenGenerator(this);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }
}
