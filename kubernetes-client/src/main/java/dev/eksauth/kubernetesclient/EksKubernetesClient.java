package dev.eksauth.kubernetesclient;

import java.nio.charset.StandardCharsets;

import dev.eksauth.token.CachingTokenSupplier;
import dev.eksauth.token.EksClusterClientBuilder;
import dev.eksauth.token.internal.ClusterClientBuilder;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;

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

    /**
     * Builds a {@link ApiClient} for an EKS cluster; see {@link EksClusterClientBuilder} for the options.
     * Not thread-safe.
     */
    public interface Builder extends EksClusterClientBuilder<Builder, ApiClient> {
        /**
         * Builds the client; a token generator eksauth builds goes with it.
         *
         * @throws IllegalStateException when the endpoint or the cluster id is missing, more than one
         *     certificate authority is given, or a token supplier is given with generator options
         */
        @Override
        ApiClient build();
    }

    private static final class BuilderImpl extends ClusterClientBuilder<Builder, ApiClient> implements Builder {
        @Override
        protected ApiClient build(Connection connection) {
            ClientBuilder client = new ClientBuilder()
                    .setBasePath(connection.endpoint())
                    .setAuthentication(EksAuthentication.forGenerator(connection.tokens(), connection.generator()));
            if (connection.certificateAuthorityPem() != null) {
                client.setCertificateAuthority(connection.certificateAuthorityPem().getBytes(StandardCharsets.US_ASCII));
            }
            return client.build();
        }
    }
}
