package dev.eksauth.fabric8;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.eksauth.token.CachingTokenSupplier;
import dev.eksauth.token.EksClusterClientBuilder;
import dev.eksauth.token.internal.ClusterClientBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;

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
    /**
     * Builds a {@link Config} for an EKS cluster; see {@link EksClusterClientBuilder} for the options.
     * Not thread-safe.
     */
    public interface Builder extends EksClusterClientBuilder<Builder, Config> {
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

    private static final class BuilderImpl extends ClusterClientBuilder<Builder, Config> implements Builder {
        @Override
        protected Config build(Connection connection) {
            ConfigBuilder config = new ConfigBuilder(Config.empty())
                    .withMasterUrl(connection.endpoint())
                    .withOauthTokenProvider(EksOAuthTokenProvider.owning(connection.tokens(), connection.generator()));
            if (connection.certificateAuthorityPem() != null) {
                config.withCaCertData(Base64.getEncoder()
                        .encodeToString(connection.certificateAuthorityPem().getBytes(StandardCharsets.US_ASCII)));
            }
            return config.build();
        }
    }
}
