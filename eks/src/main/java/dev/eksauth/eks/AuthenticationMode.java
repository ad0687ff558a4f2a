package dev.eksauth.eks;

import java.util.Objects;
import java.util.Optional;

import dev.eksauth.mapping.IdentityMapper;

/**
 * Where an EKS cluster takes its IAM identities' mappings from (the cluster's
 * {@code accessConfig.authenticationMode}): the aws-auth ConfigMap, access entries, or both.
 */
public enum AuthenticationMode {
    /** The aws-auth ConfigMap only. */
    CONFIG_MAP,
    /** An identity with an access entry is mapped by the entry; aws-auth maps only the others. */
    API_AND_CONFIG_MAP,
    /** Access entries only. */
    API;

    /**
     * The mapper a cluster in this mode uses: {@code awsAuth} alone, {@code accessEntries} alone, or
     * the access entries first and aws-auth for identities that have none. Thread-safe when both
     * mappers are.
     */
    public IdentityMapper mapper(IdentityMapper accessEntries, IdentityMapper awsAuth) {
        Objects.requireNonNull(accessEntries, "accessEntries");
        Objects.requireNonNull(awsAuth, "awsAuth");
        switch (this) {
            case CONFIG_MAP:
                return awsAuth;
            case API:
                return accessEntries;
            default:
                return identity -> {
                    var entry = accessEntries.map(identity);
                    return entry.isPresent() ? entry : awsAuth.map(identity);
                };
        }
    }

    /** The mode of this name, as EKS writes it; empty for a name this version does not know. */
    public static Optional<AuthenticationMode> of(String name) {
        for (AuthenticationMode m : values()) {
            if (m.name().equals(name)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
