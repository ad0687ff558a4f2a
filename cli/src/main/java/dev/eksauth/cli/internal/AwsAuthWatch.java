package dev.eksauth.cli.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

import dev.eksauth.core.CallerIdentity;
import dev.eksauth.mapping.AwsAuth;
import dev.eksauth.mapping.FileAwsAuthMapper;
import dev.eksauth.mapping.FileAwsAuthMapperMetrics;
import dev.eksauth.mapping.Mapping;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A {@link FileAwsAuthMapper} that says what happens to the file: one line on standard error when
 * it loads a changed file, when it keeps the last good one because the file cannot be loaded, and
 * when it denies everyone (the file was deleted, or the last good one is too old); counters and the
 * readiness for the webhook. Thread-safe. Not public API.
 */
final class AwsAuthWatch implements MappingBackend {
    private final FileAwsAuthMapper mapper;
    private final Path file;
    private final PrintStream log;
    private final LongAdder reloads = new LongAdder();
    private AwsAuth seen;
    private Optional<String> seenError = Optional.empty();
    private boolean seenReady = true;

    AwsAuthWatch(FileAwsAuthMapper mapper, Path file, PrintStream log) {
        this.mapper = mapper;
        this.file = file;
        this.log = log;
        this.seen = mapper.current();
    }

    @Override
    public Optional<Mapping> map(CallerIdentity identity) {
        Optional<Mapping> found = mapper.map(identity);
        notice();
        return found;
    }

    /** Checks the file now, as a lookup would. */
    @Override
    public void check() {
        mapper.reloadIfChanged();
        notice();
    }

    private synchronized void notice() {
        boolean ready = mapper.isReady();
        AwsAuth current = mapper.current();
        Optional<String> error = mapper.lastError();
        if (current != seen && error.isEmpty()) {
            reloads.increment();
            log.println("eksauth serve: loaded the changed aws-auth file " + file + " (" + current.config().roles().size()
                    + " roles, " + current.config().users().size() + " users, " + current.config().accounts().size()
                    + " accounts)");
            AwsAuthFiles.report(current, file, log, "eksauth serve");
        }
        seen = current;
        if (!ready && (seenReady || !error.equals(seenError))) {
            log.println("eksauth serve: denying everyone: the aws-auth file " + file + " cannot be loaded ("
                    + error.orElse("") + ") and no last good mapping may stand in for it");
        } else if (ready && error.isPresent() && !error.equals(seenError)) {
            log.println("eksauth serve: keeping the last good aws-auth for at most the maximum staleness; the file "
                    + file + " cannot be loaded: " + error.get());
        }
        seenError = error;
        seenReady = ready;
    }

    /** Binds the file mapper's meters and {@code eksauth.aws.auth.reloads} (changed files loaded). */
    @Override
    public void bindTo(MeterRegistry registry) {
        FileAwsAuthMapperMetrics.of(mapper).bindTo(registry);
        FunctionCounter.builder("eksauth.aws.auth.reloads", reloads, LongAdder::sum)
                .description("Times a changed aws-auth file was loaded").register(registry);
    }

    @Override
    public Optional<String> notReady() {
        return mapper.isReady() ? Optional.empty()
                : Optional.of("the aws-auth file cannot be loaded (" + mapper.lastError().orElse("") + ")");
    }

    @Override
    public void close() {
    }
}
