package dev.eksauth.token;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a Kubernetes client needs to talk to an EKS cluster, checked by an
 * {@link AbstractEksClusterClientBuilder}: the API server's endpoint, the certificate authority to
 * trust, where the current token comes from, and the token generator eksauth built for it, if any.
 * For integrating a Kubernetes client that eksauth has no module for: extend
 * {@link AbstractEksClusterClientBuilder} and build the client from this.
 *
 * <p>An immutable value; thread-safe when the token supplier is (a {@link CachingTokenSupplier} is).
 * {@link #toString()} shows neither a token nor the certificate.
 *
 * @param endpoint the API server's {@code https} URL, without a trailing slash
 * @param certificateAuthorityPem the certificate authority as PEM; empty to trust the JVM's default
 *     trust store
 * @param tokenSupplier hands out the current token; ask it for every request
 * @param ownedGenerator the generator eksauth built behind the supplier, which the client owns and
 *     should {@link EksTokenGenerator#close() close} with itself; empty when the tokens came from a
 *     supplier of the user's
 */
public record EksClusterConnection(URI endpoint, Optional<String> certificateAuthorityPem,
        Supplier<EksToken> tokenSupplier, Optional<EksTokenGenerator> ownedGenerator) {
    /**
     * Checks that no component is null.
     *
     * @throws NullPointerException when one is
     */
    public EksClusterConnection {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(certificateAuthorityPem, "certificateAuthorityPem");
        Objects.requireNonNull(tokenSupplier, "tokenSupplier");
        Objects.requireNonNull(ownedGenerator, "ownedGenerator");
    }

    /** Shows the endpoint, whether a certificate authority is set, and the cluster id when eksauth generates tokens. */
    @Override
    public String toString() {
        return "EksClusterConnection[endpoint=" + endpoint + ", certificateAuthority="
                + (certificateAuthorityPem.isPresent() ? "given" : "JVM default")
                + ownedGenerator.map(g -> ", clusterId=" + g.clusterId()).orElse(", custom token supplier") + "]";
    }
}
