package dev.eksauth.mapping;

import java.util.Optional;

import dev.eksauth.core.CallerIdentity;

/**
 * Finds the mapping of an AWS identity to a Kubernetes user. Plug in your own (a database, an API)
 * or use {@link AwsAuthMapper} and {@link FileAwsAuthMapper}.
 *
 * <p>Implementations must be thread-safe. "Not found" is not an error: return empty.
 */
@FunctionalInterface
public interface IdentityMapper {

    /**
     * Finds the mapping for an identity.
     *
     * @param identity who STS says signed the token
     * @return the mapping, or empty when this mapper has none for the identity
     */
    Optional<Mapping> map(CallerIdentity identity);
}
