package dev.eksauth.fabric8;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.eksauth.eks.EksCluster;
import dev.eksauth.eks.EksClusters;
import dev.eksauth.eks.EksException;
import dev.eksauth.token.AbstractEksClusterClientBuilder;
import dev.eksauth.token.CachingTokenSupplier;
import dev.eksauth.token.EksClusterClientBuilder;
import dev.eksauth.token.EksClusterConnection;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;

/**
 * fabric8 {@link Config}s for EKS clusters whose bearer token is refreshed before it expires.
 *
 * <pre>{@code
 * Config config = EksFabric8.builder()
 *         .clusterId("prod")
 *         .endpoint(URI.create("https://ABCD.gr7.us-west-2.eks.amazonaws.com"))
 *         .certificateAuthorityData(certificateAuthorityData)
 *         .build();
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

    /** A builder; {@link Builder#endpoint(URI)} and a cluster id (or a token supplier) are required. */
    public static Builder builder() {
        return new BuilderImpl();
    }

    /**
     * Builds a {@link Config} for an EKS cluster; see {@link EksClusterClientBuilder} for the options.
     * Not thread-safe.
     */
    public interface Builder extends EksClusterClientBuilder<Builder, Config> {
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
         * Builds the config; a token generator eksauth builds belongs to the config's
         * {@link EksOAuthTokenProvider}, whose {@code close()} releases it.
         *
         * @throws IllegalStateException when the endpoint or the cluster id is missing, more than one
         *     certificate authority is given, or a token supplier is given with generator options
         */
        @Override
        Config build();
    }

    private static final class BuilderImpl extends AbstractEksClusterClientBuilder<Builder, Config> implements Builder {
        @Override
        protected Config build(EksClusterConnection connection) {
            ConfigBuilder config = new ConfigBuilder(Config.empty())
                    .withMasterUrl(connection.endpoint().toString())
                    .withOauthTokenProvider(EksOAuthTokenProvider.owning(connection.tokenSupplier(),
                            connection.ownedGenerator().orElse(null)));
            connection.certificateAuthorityPem().ifPresent(pem -> config.withCaCertData(
                    Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII))));
            return config.build();
        }
    }
}
