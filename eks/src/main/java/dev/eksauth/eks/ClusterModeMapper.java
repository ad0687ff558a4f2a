package dev.eksauth.eks;

import java.util.Objects;
import java.util.Optional;

import dev.eksauth.core.CallerIdentity;
import dev.eksauth.mapping.IdentityMapper;
import dev.eksauth.mapping.Mapping;
import dev.eksauth.mapping.MappingUnavailableException;

/**
 * Maps as the cluster's current authentication mode says ({@link AuthenticationMode#mapper}): it
 * describes the cluster (cached by {@link EksClusters}) on each call, so a cluster moved from
 * {@code CONFIG_MAP} to {@code API_AND_CONFIG_MAP} to {@code API} is followed without a restart.
 *
 * <pre>{@code
 * IdentityMapper mapper = ClusterModeMapper.create(eks, "prod", AccessEntryMapper.create(entries), awsAuthMapper);
 * EksAuthenticator authenticator = EksAuthenticator.create(verifier, MapperChain.of(mapper));
 * }</pre>
 *
 * <p>Thread-safe. When the cluster cannot be described it throws {@link MappingUnavailableException}.
 */
public final class ClusterModeMapper implements IdentityMapper {
    private final EksClusters clusters;
    private final String clusterName;
    private final IdentityMapper accessEntries;
    private final IdentityMapper awsAuth;

    private ClusterModeMapper(EksClusters clusters, String clusterName, IdentityMapper accessEntries, IdentityMapper awsAuth) {
        this.clusters = clusters;
        this.clusterName = clusterName;
        this.accessEntries = accessEntries;
        this.awsAuth = awsAuth;
    }

    /** A mapper that follows the named cluster's mode between these two mappers. */
    public static ClusterModeMapper create(EksClusters clusters, String clusterName, IdentityMapper accessEntries,
            IdentityMapper awsAuth) {
        return new ClusterModeMapper(Objects.requireNonNull(clusters, "clusters"), Objects.requireNonNull(clusterName,
                "clusterName"), Objects.requireNonNull(accessEntries, "accessEntries"), Objects.requireNonNull(awsAuth, "awsAuth"));
    }

    @Override
    public Optional<Mapping> map(CallerIdentity identity) {
        AuthenticationMode mode;
        try {
            mode = clusters.describe(clusterName).authenticationMode();
        } catch (EksException e) {
            throw new MappingUnavailableException("the authentication mode could not be read: " + e.getMessage(), e);
        }
        return mode.mapper(accessEntries, awsAuth).map(identity);
    }

    @Override
    public String toString() {
        return "ClusterModeMapper[" + clusterName + "]";
    }
}
