package dev.eksauth.cli.internal;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import dev.eksauth.core.CallerIdentity;
import dev.eksauth.eks.AccessEntryMapper;
import dev.eksauth.eks.AccessEntrySource;
import dev.eksauth.eks.EksClusters;
import dev.eksauth.eks.EksException;
import dev.eksauth.mapping.Mapping;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The {@code access-entries} backend of {@code serve}: the cluster's EKS access entries, loaded
 * through the EKS API and refreshed on an interval, the last good entries kept while a refresh fails
 * (eks' {@link AccessEntrySource}). Until the first load succeeds lookups are unavailable (503) and
 * the backend is not ready. Thread-safe. Not public API.
 */
final class AccessEntriesBackend implements MappingBackend {
    private final EksClusters clusters;
    private final AccessEntrySource source;
    private final AccessEntryMapper mapper;
    private final PrintStream log;
    private Optional<String> reported = Optional.empty();

    private AccessEntriesBackend(EksClusters clusters, AccessEntrySource source, PrintStream log) {
        this.clusters = clusters;
        this.source = source;
        this.mapper = AccessEntryMapper.create(source);
        this.log = log;
    }

    /** A backend for a cluster's entries; the first load is tried at once and reported when it fails. */
    static AccessEntriesBackend connect(EksClusters clusters, String clusterName, Duration refresh, Clock clock,
            PrintStream log) {
        AccessEntrySource source = AccessEntrySource.builder().clusters(clusters).clusterName(clusterName)
                .refreshInterval(refresh).clock(clock).build();
        AccessEntriesBackend backend = new AccessEntriesBackend(clusters, source, log);
        backend.check();
        return backend;
    }

    @Override
    public Optional<Mapping> map(CallerIdentity identity) {
        return mapper.map(identity);
    }

    /** Loads the entries when they are due, and says on standard error when a load starts or stops failing. */
    @Override
    public void check() {
        Optional<String> failure;
        try {
            source.current();
            failure = source.lastFailure().map(EksException::getMessage);
        } catch (EksException e) {
            failure = Optional.of(e.getMessage());
        }
        report(failure);
    }

    private synchronized void report(Optional<String> failure) {
        if (failure.isPresent() && !failure.equals(reported)) {
            log.println("eksauth serve: cannot load the access entries of " + source.clusterName() + ": " + failure.get()
                    + "; the last good entries stay in force, or lookups are unavailable until a first load succeeds");
        } else if (failure.isEmpty() && reported.isPresent()) {
            log.println("eksauth serve: loaded the access entries of " + source.clusterName() + " again");
        }
        reported = failure;
    }

    /** Not ready until a first load has succeeded. */
    @Override
    public Optional<String> notReady() {
        try {
            source.current();
            return Optional.empty();
        } catch (EksException e) {
            return Optional.of("the access entries of " + source.clusterName() + " are not loaded: " + e.getMessage());
        }
    }

    /** No meters of its own: EKS calls are counted by the SDK's metrics, not here. */
    @Override
    public void bindTo(MeterRegistry registry) {
    }

    @Override
    public void close() {
        clusters.close();
    }

    @Override
    public String toString() {
        return "access-entries backend of " + source.clusterName();
    }
}
