package dev.eksauth.kubernetesclient;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import dev.eksauth.eks.EksCluster;
import dev.eksauth.eks.EksClusters;
import dev.eksauth.eks.EksException;
import dev.eksauth.token.AbstractEksClusterClientBuilder;
import dev.eksauth.token.CachingTokenSupplier;
import dev.eksauth.token.EksClusterClientBuilder;
import dev.eksauth.token.EksClusterConnection;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;

/**
 * {@link ApiClient}s of the official Kubernetes Java client for EKS clusters, whose bearer token is
 * refreshed before it expires.
 *
 * <pre>{@code
 * ApiClient client = EksKubernetesClient.builder()
 *         .clusterId("prod")
 *         .endpoint(URI.create("https://ABCD.gr7.us-west-2.eks.amazonaws.com"))
 *         .certificateAuthorityData(certificateAuthorityData)
 *         .build();
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

    /** A builder; {@link Builder#endpoint(URI)} and a cluster id (or a token supplier) are required. */
    public static Builder builder() {
        return new BuilderImpl();
    }

    /**
     * Builds a {@link ApiClient} for an EKS cluster; see {@link EksClusterClientBuilder} for the options.
     * Not thread-safe.
     */
    public interface Builder extends EksClusterClientBuilder<Builder, ApiClient> {
        /**
         * Connects to the cluster of this name, found with the AWS SDK's default credentials and region
         * ({@code AWS_PROFILE}, {@code AWS_REGION}, {@code AWS_ENDPOINT_URL_EKS}): one DescribeCluster
         * call, now, fills the endpoint, certificate authority, cluster id and region (see
         * {@link EksCluster#configure}). Needs {@code dev.eksauth:eksauth-eks} on the class path.
         *
         * @throws EksException when the cluster cannot be described, does not exist or is not ACTIVE
         */
        default Builder clusterName(String name) {
            try (EksClusters clusters = EksClusters.create()) {
                return clusterName(name, clusters);
            }
        }

        /**
         * Connects to the cluster of this name, described (now, or from its cache) by {@code clusters}.
         *
         * @throws EksException when the cluster cannot be described, does not exist or is not ACTIVE
         */
        default Builder clusterName(String name, EksClusters clusters) {
            return clusters.describe(name).configure(this);
        }

        /**
         * Builds the client; a token generator eksauth builds goes with it.
         *
         * @throws IllegalStateException when the endpoint or the cluster id is missing, more than one
         *     certificate authority is given, or a token supplier is given with generator options
         */
        @Override
        ApiClient build();
    }

    private static final class BuilderImpl extends AbstractEksClusterClientBuilder<Builder, ApiClient>
            implements Builder {
        @Override
        protected ApiClient build(EksClusterConnection connection) {
            ClientBuilder client = new ClientBuilder()
                    .setBasePath(connection.endpoint().toString())
                    .setAuthentication(EksAuthentication.forGenerator(connection.tokenSupplier(),
                            connection.ownedGenerator().orElse(null)));
            connection.certificateAuthorityPem()
                    .ifPresent(pem -> client.setCertificateAuthority(pem.getBytes(StandardCharsets.US_ASCII)));
            return client.build();
        }
    }
}
