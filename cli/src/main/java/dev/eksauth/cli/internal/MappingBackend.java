package dev.eksauth.cli.internal;

import java.util.Optional;

import dev.eksauth.mapping.IdentityMapper;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A source of aws-auth mappings for {@code serve} ({@code --backend-mode}): a mapper that says whether
 * it has a mapping in force, for {@code /readyz}, and binds its meters. Thread-safe. Not public API.
 */
interface MappingBackend extends IdentityMapper, AutoCloseable {
    /** Looks for changes now, where the backend polls (a file); nothing where it is told (a watch). */
    void check();

    /** Why the backend has no mapping in force and denies everyone, or empty when it has one. */
    Optional<String> notReady();

    /** Binds the backend's meters. */
    void bindTo(MeterRegistry registry);

    /** Stops watching; a file backend has nothing to stop. */
    @Override
    void close();
}
