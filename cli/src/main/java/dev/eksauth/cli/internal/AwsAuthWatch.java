package dev.eksauth.cli.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

import dev.eksauth.core.CallerIdentity;
import dev.eksauth.mapping.AwsAuth;
import dev.eksauth.mapping.FileAwsAuthMapper;
import dev.eksauth.mapping.IdentityMapper;
import dev.eksauth.mapping.Mapping;

/**
 * A {@link FileAwsAuthMapper} that says when it loads a changed file, or keeps the last good one
 * because the new one is bad: one line on standard error each time, and counters for the metrics.
 * Thread-safe. Not public API.
 */
final class AwsAuthWatch implements IdentityMapper {
    private final FileAwsAuthMapper mapper;
    private final Path file;
    private final PrintStream log;
    private final LongAdder reloads = new LongAdder();
    private AwsAuth seen;
    private Optional<String> seenError = Optional.empty();

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
    void check() {
        mapper.reloadIfChanged();
        notice();
    }

    private synchronized void notice() {
        AwsAuth current = mapper.current();
        Optional<String> error = mapper.lastError();
        if (current != seen) {
            seen = current;
            reloads.increment();
            log.println("eksauth serve: loaded the changed aws-auth file " + file + " (" + current.config().roles().size()
                    + " roles, " + current.config().users().size() + " users, " + current.config().accounts().size()
                    + " accounts)");
            AwsAuthFiles.report(current, file, log, "eksauth serve");
        }
        if (error.isPresent() && !error.equals(seenError)) {
            log.println("eksauth serve: keeping the last good aws-auth; the changed file " + file
                    + " cannot be loaded: " + error.get());
        }
        seenError = error;
    }

    long reloads() {
        return reloads.sum();
    }

    boolean failing() {
        return mapper.lastError().isPresent();
    }

    long problems() {
        return mapper.problems().size();
    }
}
