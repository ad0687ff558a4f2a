package dev.eksauth.eks;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

import dev.eksauth.token.EksClusterClientBuilder;
import software.amazon.awssdk.regions.Region;

/**
 * An EKS cluster as DescribeCluster describes it: what a client needs to connect (endpoint,
 * certificate authority, the cluster id its tokens carry) and what an authenticator needs to know
 * (authentication mode, OIDC issuer). Immutable and thread-safe.
 *
 * @param name the cluster's name
 * @param arn the cluster's ARN, which {@code aws eks update-kubeconfig} names kubeconfig entries by
 * @param endpoint the API server endpoint; empty while the cluster is being created
 * @param certificateAuthorityData the API server's CA certificate, PEM encoded in base64, as EKS
 *     gives it and kubeconfig's {@code certificate-authority-data} takes it; empty while being created
 * @param kubernetesVersion e.g. {@code 1.33}
 * @param platformVersion e.g. {@code eks.9}
 * @param status the cluster's status
 * @param authenticationMode where identities are mapped from; {@link AuthenticationMode#CONFIG_MAP}
 *     when EKS gives none (clusters created before access entries) or one this version does not know
 * @param oidcIssuer the cluster's OIDC issuer URL (for IRSA), when it has one
 * @param id the cluster's id (a UUID), when EKS gives one
 * @param localOutpost whether this is a local cluster on AWS Outposts, whose tokens carry the id
 */
public record EksCluster(String name, String arn, Optional<URI> endpoint, Optional<String> certificateAuthorityData,
        String kubernetesVersion, String platformVersion, ClusterStatus status, AuthenticationMode authenticationMode,
        Optional<URI> oidcIssuer, Optional<String> id, boolean localOutpost) {

    /** Checks the components. */
    public EksCluster {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(certificateAuthorityData, "certificateAuthorityData");
        Objects.requireNonNull(kubernetesVersion, "kubernetesVersion");
        Objects.requireNonNull(platformVersion, "platformVersion");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(authenticationMode, "authenticationMode");
        Objects.requireNonNull(oidcIssuer, "oidcIssuer");
        Objects.requireNonNull(id, "id");
    }

    /**
     * The cluster id a token for this cluster must carry ({@code x-k8s-aws-id}): the cluster's id
     * for a local cluster on Outposts, else its name (Amazon EKS User Guide, "Create a kubeconfig for
     * a local cluster").
     */
    public String tokenClusterId() {
        return localOutpost && id.isPresent() ? id.get() : name;
    }

    /** The CA certificate as PEM text; empty while the cluster is being created. */
    public Optional<String> certificateAuthorityPem() {
        return certificateAuthorityData.map(d -> new String(Base64.getMimeDecoder().decode(d), StandardCharsets.UTF_8));
    }

    /**
     * This cluster, when it serves: {@code ACTIVE}, or {@code UPDATING} (a cluster serves while it
     * is updated).
     *
     * @throws ClusterNotActiveException when it is being created or deleted, failed, or has no endpoint yet
     */
    public EksCluster requireActive() {
        if ((status != ClusterStatus.ACTIVE && status != ClusterStatus.UPDATING) || endpoint.isEmpty()
                || certificateAuthorityData.isEmpty()) {
            throw new ClusterNotActiveException("EKS cluster " + name + " is " + status + ", not ACTIVE: it has no "
                    + "usable endpoint yet; wait until 'aws eks describe-cluster --name " + name
                    + "' shows ACTIVE", status);
        }
        return this;
    }

    /** The cluster's region, from its ARN ({@code arn:aws:eks:REGION:ACCOUNT:cluster/NAME}). */
    public Optional<String> region() {
        String[] parts = arn.split(":", 6);
        return parts.length == 6 && !parts[3].isEmpty() ? Optional.of(parts[3]) : Optional.empty();
    }

    /**
     * Sets a Kubernetes client builder (fabric8's, client-java's, or any
     * {@link EksClusterClientBuilder}) to connect to this cluster: its endpoint, certificate
     * authority, the cluster id its tokens carry, and its region for signing them. Settings made on
     * the builder afterwards win.
     *
     * <pre>{@code
     * Config config = eks.describe("prod").configure(EksFabric8.builder()).roleArn(roleArn).build();
     * }</pre>
     *
     * @return the builder
     * @throws ClusterNotActiveException when the cluster has no usable endpoint (see {@link #requireActive()})
     */
    public <B extends EksClusterClientBuilder<B, ?>> B configure(B builder) {
        Objects.requireNonNull(builder, "builder");
        requireActive();
        B b = builder.endpoint(endpoint.orElseThrow()).certificateAuthorityData(certificateAuthorityData.orElseThrow())
                .clusterId(tokenClusterId());
        return region().isPresent() ? b.region(Region.of(region().get())) : b;
    }
}
