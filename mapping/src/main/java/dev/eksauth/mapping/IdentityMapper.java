package dev.eksauth.mapping;

import java.util.Optional;

import dev.eksauth.core.CallerIdentity;

/**
 * Finds the mapping of an AWS identity to a Kubernetes user. Plug in your own (a database, an API)
 * or use {@link AwsAuthMapper} and {@link FileAwsAuthMapper}.
 *
 * <p>Implementations must be thread-safe. "Not found" is not an error: return empty. When the
 * source cannot be consulted now (it is down, slow or throttling), throw
 * {@link MappingUnavailableException}: {@link MapperChain} answers "unavailable" (HTTP 503) instead
 * of a denial. Any other exception is taken for a bug and passed on.
 */
@FunctionalInterface
public interface IdentityMapper {

    /**
     * Finds the mapping for an identity.
     *
     * @param identity who STS says signed the token
     * @return the mapping, or empty when this mapper has none for the identity
     * @throws MappingUnavailableException when the mapper's source cannot be consulted now
     */
    Optional<Mapping> map(CallerIdentity identity);
}
