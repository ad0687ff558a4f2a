package dev.eksauth.fabric8;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.eksauth.token.CachingTokenSupplier;
import dev.eksauth.token.EksToken;
import dev.eksauth.token.EksTokenGenerator;
import dev.eksauth.token.internal.CertificateAuthority;
import dev.eksauth.token.internal.Endpoints;
import dev.eksauth.token.internal.TokenSource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * fabric8 {@link Config}s for EKS clusters whose bearer token is refreshed before it expires.
 *
 * <pre>{@code
 * Config config = EksFabric8.config("prod", endpoint, certificateAuthorityData);
 * try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
 *     client.namespaces().list();
 * }
 * }</pre>
 *
 * <p>The config's token provider is an {@link EksOAuthTokenProvider} over a
 * {@link CachingTokenSupplier}: fabric8 asks it before every request, so a client that runs for days
 * never sends an expired token. The config reads no kubeconfig file, environment variable or system
 * property; set anything else (namespace, timeouts, proxy) on it or on a {@link ConfigBuilder} made
 * from it, which keeps the token provider.
 *
 * <p>fabric8 7.x needs an HTTP client implementation at run time: {@code kubernetes-client} brings
 * {@code kubernetes-httpclient-vertx} by default, and any other fabric8 HTTP client module works too.
 * This class has no instances; builders are not thread-safe, the configs they build are as
 * thread-safe as fabric8 makes them.
 */
public final class EksFabric8 {
    private EksFabric8() {
    }

    /**
     * A config for a cluster, with credentials and region from the AWS SDK's default chains.
     *
     * @param clusterId the cluster name (or id) tokens are bound to
     * @param endpoint the API server endpoint, e.g. {@code https://ABCD.gr7.us-west-2.eks.amazonaws.com}
     * @param certificateAuthorityData base64 of the cluster's PEM certificate authority, as EKS's
     *     DescribeCluster and kubeconfig's {@code certificate-authority-data} give it
     * @throws IllegalArgumentException when an argument is malformed
     */
    public static Config config(String clusterId, String endpoint, String certificateAuthorityData) {
        return builder().clusterId(clusterId).endpoint(endpoint).certificateAuthorityData(certificateAuthorityData)
                .build();
    }

    /** A builder; {@link Builder#endpoint(String)} and a cluster id (or a token supplier) are required. */
    public static Builder builder() {
        return new BuilderImpl();
    }

    /**
     * Configures a fabric8 {@link Config} for an EKS cluster. Tokens come either from a generator that
     * eksauth builds from {@link #clusterId}, {@link #region}, {@link #credentialsProvider},
     * {@link #roleArn} and {@link #tokenGenerator} and caches with {@link #clock} and
     * {@link #refreshMargin}, or from a {@link #tokenSupplier} of yours; not both. Each setter checks
     * its argument; {@link #build()} checks the combination. Not thread-safe.
     */
    public interface Builder {
        /** The API server endpoint, an {@code https} URL; required. */
        Builder endpoint(String endpoint);

        /** The certificate authority as base64 of PEM, as EKS and kubeconfig files give it. */
        Builder certificateAuthorityData(String base64Pem);

        /** The certificate authority as PEM text. */
        Builder certificateAuthorityPem(String pem);

        /** The certificate authority as a PEM (or DER) file, read and checked at once. */
        Builder certificateAuthorityFile(Path file);

        /** The cluster name (or id) tokens are bound to; required unless a token supplier is given. */
        Builder clusterId(String clusterId);

        /** The signing region; default the SDK's region chain. */
        Builder region(Region region);

        /**
         * Where AWS credentials come from; default the SDK's default credentials chain. Any provider
         * works, for example web-identity credentials.
         */
        Builder credentialsProvider(AwsCredentialsProvider credentialsProvider);

        /** A role to assume before signing; tokens then identify the role session. */
        Builder roleArn(String roleArn);

        /**
         * Further options of the token generator (role session name, external id, FIPS, dual-stack,
         * global STS endpoint). Set the clock with {@link #clock(Clock)}.
         */
        Builder tokenGenerator(Consumer<EksTokenGenerator.Builder> options);

        /** The clock of the token generator and its cache; default the system UTC clock. */
        Builder clock(Clock clock);

        /**
         * How long before a token's expiry it is replaced; 0 to 10 minutes, default
         * {@link CachingTokenSupplier#DEFAULT_REFRESH_MARGIN}.
         */
        Builder refreshMargin(Duration refreshMargin);

        /**
         * Tokens from elsewhere, asked on every request, for example a {@link CachingTokenSupplier}
         * shared by several clients. It should cache: fabric8 asks it for every request.
         */
        Builder tokenSupplier(Supplier<EksToken> tokenSupplier);

        /**
         * Builds the config; a token generator eksauth builds belongs to the config's
         * {@link EksOAuthTokenProvider}, whose {@code close()} releases it.
         *
         * @throws IllegalStateException when the endpoint or the cluster id is missing, more than one
         *     certificate authority is given, or a token supplier is given with generator options
         */
        Config build();
    }

    private static final class BuilderImpl implements Builder {
        private final TokenSource tokens = new TokenSource();
        private String endpoint;
        private String certificateAuthorityPem;
        private int certificateAuthorities;

        @Override
        public Builder endpoint(String value) {
            this.endpoint = Endpoints.https(value);
            return this;
        }

        @Override
        public Builder certificateAuthorityData(String base64Pem) {
            return certificateAuthority(CertificateAuthority.fromData(base64Pem));
        }

        @Override
        public Builder certificateAuthorityPem(String pem) {
            return certificateAuthority(CertificateAuthority.fromPem(pem));
        }

        @Override
        public Builder certificateAuthorityFile(Path file) {
            return certificateAuthority(CertificateAuthority.fromFile(file));
        }

        private Builder certificateAuthority(String pem) {
            this.certificateAuthorityPem = pem;
            certificateAuthorities++;
            return this;
        }

        @Override
        public Builder clusterId(String clusterId) {
            tokens.clusterId(clusterId);
            return this;
        }

        @Override
        public Builder region(Region region) {
            tokens.region(region);
            return this;
        }

        @Override
        public Builder credentialsProvider(AwsCredentialsProvider credentialsProvider) {
            tokens.credentialsProvider(credentialsProvider);
            return this;
        }

        @Override
        public Builder roleArn(String roleArn) {
            tokens.roleArn(roleArn);
            return this;
        }

        @Override
        public Builder tokenGenerator(Consumer<EksTokenGenerator.Builder> options) {
            tokens.customize(options);
            return this;
        }

        @Override
        public Builder clock(Clock clock) {
            tokens.clock(clock);
            return this;
        }

        @Override
        public Builder refreshMargin(Duration refreshMargin) {
            tokens.refreshMargin(refreshMargin);
            return this;
        }

        @Override
        public Builder tokenSupplier(Supplier<EksToken> tokenSupplier) {
            tokens.supplier(tokenSupplier);
            return this;
        }

        @Override
        public Config build() {
            if (endpoint == null) {
                throw new IllegalStateException("endpoint is required");
            }
            if (certificateAuthorities > 1) {
                throw new IllegalStateException("give one certificate authority: certificateAuthorityData,"
                        + " certificateAuthorityPem or certificateAuthorityFile");
            }
            TokenSource.Built source = tokens.build();
            ConfigBuilder config = new ConfigBuilder(Config.empty())
                    .withMasterUrl(endpoint)
                    .withOauthTokenProvider(EksOAuthTokenProvider.owning(source.tokens(), source.generator()));
            if (certificateAuthorityPem != null) {
                config.withCaCertData(Base64.getEncoder()
                        .encodeToString(certificateAuthorityPem.getBytes(StandardCharsets.US_ASCII)));
            }
            return config.build();
        }
    }
}
