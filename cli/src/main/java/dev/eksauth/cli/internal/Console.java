package dev.eksauth.cli.internal;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What a command sees of the world: its environment variables, standard streams, clock and a
 * signal to stop. The real one wraps the process; tests build their own, so no command reads
 * {@code System.getenv()} or the system clock directly. Not public API.
 */
public final class Console {
    private final Map<String, String> env;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;
    private final boolean process;
    private final Supplier<Optional<InputStream>> terminal;
    private final CompletableFuture<Void> stop = new CompletableFuture<>();

    private Console(Map<String, String> env, InputStream in, PrintStream out, PrintStream err, Clock clock,
            boolean process, Supplier<Optional<InputStream>> terminal) {
        this.terminal = terminal;
        this.env = Map.copyOf(env);
        this.in = Objects.requireNonNull(in, "in");
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.process = process;
    }

    /** The process's own environment, streams and clock; Ctrl-C stops long-running commands. */
    public static Console system() {
        return new Console(System.getenv(), System.in, System.out, System.err, Clock.systemUTC(), true,
                Console::controllingTerminal);
    }

    /** Standard input when it is a terminal, else the process's controlling terminal, if any. */
    private static Optional<InputStream> controllingTerminal() {
        if (System.console() != null) {
            return Optional.of(System.in);
        }
        try {
            return Optional.of(new FileInputStream("/dev/tty"));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** A console for running commands in-process; {@link #stop()} ends long-running commands. */
    public static Console of(Map<String, String> env, InputStream in, PrintStream out, PrintStream err, Clock clock) {
        return new Console(env, in, out, err, clock, false, Optional::empty);
    }

    /** This console with a terminal to read answers from: a test's scripted user. */
    public Console withTerminal(InputStream terminal) {
        Objects.requireNonNull(terminal, "terminal");
        return new Console(env, in, out, err, clock, process, () -> Optional.of(terminal));
    }

    /**
     * The terminal to read a user's answer from when there is one (the prompt goes to
     * {@link #err()}): standard input when it is a terminal, else the controlling terminal
     * ({@code /dev/tty}); empty for a process without one and for in-process consoles.
     */
    public Optional<InputStream> terminal() {
        return terminal.get();
    }

    /** The environment variables. */
    public Map<String, String> env() {
        return env;
    }

    /** One environment variable, or null when it is unset or empty. */
    public String env(String name) {
        String value = env.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    /** Standard input. */
    public InputStream in() {
        return in;
    }

    /** Standard output: machine-readable results only. */
    public PrintStream out() {
        return out;
    }

    /** Standard error: diagnostics. */
    public PrintStream err() {
        return err;
    }

    /** The clock. */
    public Clock clock() {
        return clock;
    }

    /**
     * The user's cache directory: {@code $XDG_CACHE_HOME}, else {@code %LOCALAPPDATA%} on Windows,
     * else {@code ~/Library/Caches} on macOS, else {@code ~/.cache}.
     *
     * @throws CliException when no home directory is known
     */
    public Path cacheHome() {
        if (env("XDG_CACHE_HOME") != null) {
            return Path.of(env("XDG_CACHE_HOME"));
        }
        if (env("LOCALAPPDATA") != null) {
            return Path.of(env("LOCALAPPDATA"));
        }
        String home = env("HOME") != null ? env("HOME") : env("USERPROFILE");
        if (home == null) {
            throw new CliException(ExitCode.INPUT, "cannot find the cache directory: set XDG_CACHE_HOME or HOME");
        }
        if (System.getProperty("os.name", "").startsWith("Mac")) {
            return Path.of(home, "Library", "Caches");
        }
        return Path.of(home, ".cache");
    }

    /** Asks a long-running command to stop, as Ctrl-C does. */
    public void stop() {
        stop.complete(null);
    }

    /**
     * Makes a long-running command stoppable: installs the Ctrl-C/SIGTERM hook (for the process
     * console), then tells the command it is ready (so that nothing is announced before a signal
     * can stop it cleanly), then blocks until {@link #stop()} or the signal, and closes the resource
     * before the process exits (the shutdown hook waits up to ten seconds for it).
     *
     * @param ready runs once the hook is in place, e.g. to print the server's URL
     * @param resource what to close when stopped
     */
    public void runUntilStopped(Runnable ready, AutoCloseable resource) throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        if (process) {
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    stop.complete(null);
                    try {
                        closed.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "eksauth-shutdown"));
            } catch (IllegalStateException shuttingDown) {
                stop.complete(null);
            }
        }
        try {
            if (!stop.isDone()) {
                ready.run();
            }
            stop.join();
        } finally {
            try {
                resource.close();
            } finally {
                closed.countDown();
            }
        }
    }
}
