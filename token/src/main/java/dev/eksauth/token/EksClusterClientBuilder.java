package dev.eksauth.token;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The options every eksauth Kubernetes client integration takes: the cluster's endpoint and
 * certificate authority, and where tokens come from. Tokens come either from a generator that
 * eksauth builds from the cluster id, region, credentials, role and generator options and caches
 * with the clock and refresh margin, or from a token supplier of yours; not both. Each setter checks
 * its argument at once and throws {@link IllegalArgumentException} (or {@link NullPointerException})
 * when it is malformed; {@link #build()} checks the combination and throws
 * {@link IllegalStateException}. Builders are not thread-safe. {@link AbstractEksClusterClientBuilder}
 * implements every option.
 *
 * @param <B> the builder type
 * @param <T> what it builds
 */
public interface EksClusterClientBuilder<B extends EksClusterClientBuilder<B, T>, T> {
    /**
     * The API server endpoint, an {@code https} URL such as
     * {@code https://ABCD.gr7.us-west-2.eks.amazonaws.com}; required.
     *
     * @throws IllegalArgumentException when it is not https, or has user info, a query or a fragment
     */
    B endpoint(URI endpoint);

    /** The certificate authority as base64 of PEM, as EKS and kubeconfig files give it. */
    B certificateAuthorityData(String base64Pem);

    /** The certificate authority as PEM text. */
    B certificateAuthorityPem(String pem);

    /** The certificate authority as a PEM (or DER) file, read and checked at once. */
    B certificateAuthorityFile(Path file);

    /** The cluster name (or id) tokens are bound to; required unless a token supplier is given. */
    B clusterId(String clusterId);

    /** The signing region; default the SDK's region chain. */
    B region(Region region);

    /**
     * Where AWS credentials come from; default the SDK's default credentials chain. Any provider
     * works, for example web-identity credentials.
     */
    B credentialsProvider(AwsCredentialsProvider credentialsProvider);

    /** A role to assume before signing; tokens then identify the role session. */
    B roleArn(String roleArn);

    /**
     * Further options of the token generator (role session name, external id, FIPS, dual-stack,
     * global STS endpoint). Set the clock with {@link #clock(Clock)}.
     */
    B tokenGenerator(Consumer<EksTokenGenerator.Builder> options);

    /** The clock of the token generator and its cache; default the system UTC clock. */
    B clock(Clock clock);

    /**
     * How long before a token's expiry it is replaced; default
     * {@link CachingTokenSupplier#DEFAULT_REFRESH_MARGIN}.
     *
     * @throws IllegalArgumentException when not from 0 to 10 minutes, as
     *     {@link CachingTokenSupplier.Builder#refreshMargin(Duration)}
     */
    B refreshMargin(Duration refreshMargin);

    /**
     * Tokens from elsewhere, for example a {@link CachingTokenSupplier} shared by several clients.
     * It is asked for every request, so it should cache.
     */
    B tokenSupplier(Supplier<EksToken> tokenSupplier);

    /**
     * Builds the client (or its configuration).
     *
     * @throws IllegalStateException when the endpoint or the cluster id is missing, more than one
     *     certificate authority is given, or a token supplier is given with generator options
     */
    T build();
}
