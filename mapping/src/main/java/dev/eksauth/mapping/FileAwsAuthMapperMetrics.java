package dev.eksauth.mapping;

import java.util.Objects;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Micrometer meters of a {@link FileAwsAuthMapper}, read when the registry is scraped (which does
 * not reload the file): the gauges {@code eksauth.aws.auth.ready} (0 while everyone is denied for
 * want of a loadable file), {@code eksauth.aws.auth.load.error} (1 when the file's latest version
 * could not be loaded) and {@code eksauth.aws.auth.problems} (entries of the mapping in force that
 * were reported and skipped).
 *
 * <pre>{@code
 * FileAwsAuthMapperMetrics.of(mapper).bindTo(registry);
 * }</pre>
 *
 * <p>Needs {@code io.micrometer:micrometer-core}, an optional dependency of this module. Immutable
 * and thread-safe; as is Micrometer's custom, the
 * registry holds the mapper weakly: keep a reference to it for as long as its meters should report.
 */
public final class FileAwsAuthMapperMetrics implements MeterBinder {
    private final FileAwsAuthMapper mapper;

    private FileAwsAuthMapperMetrics(FileAwsAuthMapper mapper) {
        this.mapper = mapper;
    }

    /** The meters of a file mapper. */
    public static FileAwsAuthMapperMetrics of(FileAwsAuthMapper mapper) {
        return new FileAwsAuthMapperMetrics(Objects.requireNonNull(mapper, "mapper"));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("eksauth.aws.auth.ready", mapper, m -> m.isReady() ? 1 : 0)
                .description("0 while the aws-auth file cannot be loaded and no last good version may stand in")
                .register(registry);
        Gauge.builder("eksauth.aws.auth.load.error", mapper, m -> m.lastError().isPresent() ? 1 : 0)
                .description("1 when the aws-auth file's latest version could not be loaded").register(registry);
        Gauge.builder("eksauth.aws.auth.problems", mapper, m -> m.problems().size())
                .description("Problems found in the aws-auth in force").register(registry);
    }
}
