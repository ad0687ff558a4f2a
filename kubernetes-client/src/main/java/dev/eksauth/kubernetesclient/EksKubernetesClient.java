package dev.eksauth.kubernetesclient;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.eksauth.token.CachingTokenSupplier;
import dev.eksauth.token.EksToken;
import dev.eksauth.token.EksTokenGenerator;
import dev.eksauth.token.internal.CertificateAuthority;
import dev.eksauth.token.internal.Endpoints;
import dev.eksauth.token.internal.TokenSource;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * {@link ApiClient}s of the official Kubernetes Java client for EKS clusters, whose bearer token is
 * refreshed before it expires.
 *
 * <pre>{@code
 * ApiClient client = EksKubernetesClient.apiClient("prod", endpoint, certificateAuthorityData);
 * V1NamespaceList namespaces = new CoreV1Api(client).listNamespace().execute();
 * }</pre>
 *
 * <p>The client authenticates with an {@link EksAuthentication} over a {@link CachingTokenSupplier}:
 * every request carries the current token, so a client that runs for days never sends an expired
 * one. It trusts only the given certificate authority (or, without one, the JVM's default trust
 * store) and reads no kubeconfig file. A token generator eksauth builds holds no threads; it goes
 * with the client. This class has no instances; builders are not thread-safe, the clients they
 * build are thread-safe.
 */
public final class EksKubernetesClient {
    private EksKubernetesClient() {
    }

    /**
     * A client for a cluster, with credentials and region from the AWS SDK's default chains.
     *
     * @param clusterId the cluster name (or id) tokens are bound to
     * @param endpoint the API server endpoint, e.g. {@code https://ABCD.gr7.us-west-2.eks.amazonaws.com}
     * @param certificateAuthorityData base64 of the cluster's PEM certificate authority, as EKS's
     *     DescribeCluster and kubeconfig's {@code certificate-authority-data} give it
     * @throws IllegalArgumentException when an argument is malformed
     */
    public static ApiClient apiClient(String clusterId, String endpoint, String certificateAuthorityData) {
        return builder().clusterId(clusterId).endpoint(endpoint).certificateAuthorityData(certificateAuthorityData)
                .build();
    }

    /** A builder; {@link Builder#endpoint(String)} and a cluster id (or a token supplier) are required. */
    public static Builder builder() {
        return new BuilderImpl();
    }

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
         * shared by several clients. It should cache: it is asked for every request.
         */
        Builder tokenSupplier(Supplier<EksToken> tokenSupplier);

        /**
         * Builds the client.
         *
         * @throws IllegalStateException when the endpoint or the cluster id is missing, more than one
         *     certificate authority is given, or a token supplier is given with generator options
         */
        ApiClient build();
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
        public ApiClient build() {
            if (endpoint == null) {
                throw new IllegalStateException("endpoint is required");
            }
            if (certificateAuthorities > 1) {
                throw new IllegalStateException("give one certificate authority: certificateAuthorityData,"
                        + " certificateAuthorityPem or certificateAuthorityFile");
            }
            TokenSource.Built source = tokens.build();
            ClientBuilder client = new ClientBuilder()
                    .setBasePath(endpoint)
                    .setAuthentication(EksAuthentication.forGenerator(source.tokens(), source.generator()));
            if (certificateAuthorityPem != null) {
                client.setCertificateAuthority(certificateAuthorityPem.getBytes(StandardCharsets.US_ASCII));
            }
            return client.build();
        }
    }
}
