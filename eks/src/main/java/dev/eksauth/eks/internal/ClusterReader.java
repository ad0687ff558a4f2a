package dev.eksauth.eks.internal;

import java.net.URI;
import java.util.Optional;

import dev.eksauth.eks.AuthenticationMode;
import dev.eksauth.eks.ClusterStatus;
import dev.eksauth.eks.EksCluster;
import software.amazon.awssdk.services.eks.model.Cluster;

/** Turns the SDK's {@code Cluster} into an {@link EksCluster}. Not public API. */
public final class ClusterReader {
    private ClusterReader() {
    }

    /** The cluster as eksauth describes it. */
    public static EksCluster read(Cluster c) {
        Optional<URI> endpoint = blank(c.endpoint()).map(URI::create);
        Optional<String> ca = c.certificateAuthority() == null ? Optional.empty() : blank(c.certificateAuthority().data());
        AuthenticationMode mode = c.accessConfig() == null ? AuthenticationMode.CONFIG_MAP
                : AuthenticationMode.of(c.accessConfig().authenticationModeAsString()).orElse(AuthenticationMode.CONFIG_MAP);
        Optional<URI> issuer = c.identity() == null || c.identity().oidc() == null ? Optional.empty()
                : blank(c.identity().oidc().issuer()).map(URI::create);
        return new EksCluster(c.name(), String.valueOf(c.arn()), endpoint, ca, String.valueOf(c.version()),
                String.valueOf(c.platformVersion()), status(c.statusAsString()), mode, issuer, blank(c.id()),
                c.outpostConfig() != null);
    }

    private static ClusterStatus status(String s) {
        for (ClusterStatus v : ClusterStatus.values()) {
            if (v.name().equals(s)) {
                return v;
            }
        }
        return ClusterStatus.UNKNOWN;
    }

    private static Optional<String> blank(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
    }
}
