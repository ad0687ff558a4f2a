package dev.eksauth.token;

/**
 * What an {@link EksTokenVerifier} has done since it was built, read at one moment by
 * {@link EksTokenVerifier#stats()}. The counters only grow; take two snapshots and
 * {@link #minus(VerifierStats)} them for what happened in between, e.g. for a metrics exporter.
 *
 * <p>Each verification, answered or joined, ends as one of: a cache hit, an identity from STS, an
 * invalid token or an unavailable outcome; so {@code verificationCount - cacheHitCount -
 * invalidTokenCount - unavailableCount} is the number of identities STS confirmed plus those still
 * under way. The counters are read one after another without a lock, so a snapshot taken while
 * verifications run may be a few counts apart from that sum.
 *
 * <p>An immutable value, thread-safe.
 *
 * @param verificationCount calls of {@code verify} and {@code verifyAsync}
 * @param cacheHitCount verifications answered from the identity cache, without STS
 * @param stsRequestCount requests sent to STS, retries included; verifications of one token that
 *     run at the same time share one request
 * @param stsRetryCount the requests among {@code stsRequestCount} that repeated one after throttling,
 *     a server error or a failed connection
 * @param invalidTokenCount verifications that ended with an {@link InvalidTokenException}: a
 *     malformed, expired or STS-rejected token
 * @param unavailableCount verifications that ended with an {@link StsUnavailableException}, throttling
 *     included
 * @param cachedIdentities identities in the cache when the snapshot was taken (expired ones not yet
 *     evicted included); a level, not a counter
 */
public record VerifierStats(long verificationCount, long cacheHitCount, long stsRequestCount, long stsRetryCount,
        long invalidTokenCount, long unavailableCount, int cachedIdentities) {
    private static final VerifierStats EMPTY = new VerifierStats(0, 0, 0, 0, 0, 0, 0);

    /**
     * Checks that no component is negative.
     *
     * @throws IllegalArgumentException when one is
     */
    public VerifierStats {
        if (verificationCount < 0 || cacheHitCount < 0 || stsRequestCount < 0 || stsRetryCount < 0
                || invalidTokenCount < 0 || unavailableCount < 0 || cachedIdentities < 0) {
            throw new IllegalArgumentException("verifier statistics must not be negative");
        }
    }

    /** Statistics of a verifier that has done nothing. */
    public static VerifierStats empty() {
        return EMPTY;
    }

    /**
     * What happened between an earlier snapshot and this one: each counter minus the earlier one's
     * (0 where the earlier one is larger, as when it came from another verifier), and this snapshot's
     * {@link #cachedIdentities()}.
     *
     * @param earlier an earlier snapshot of the same verifier
     * @return the difference
     */
    public VerifierStats minus(VerifierStats earlier) {
        return new VerifierStats(
                difference(verificationCount, earlier.verificationCount),
                difference(cacheHitCount, earlier.cacheHitCount),
                difference(stsRequestCount, earlier.stsRequestCount),
                difference(stsRetryCount, earlier.stsRetryCount),
                difference(invalidTokenCount, earlier.invalidTokenCount),
                difference(unavailableCount, earlier.unavailableCount),
                cachedIdentities);
    }

    private static long difference(long later, long earlier) {
        return Math.max(0, later - earlier);
    }
}
