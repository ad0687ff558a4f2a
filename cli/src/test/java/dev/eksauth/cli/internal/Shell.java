package dev.eksauth.cli.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Runs eksauth commands in-process with an environment, standard input and clock of the test's choosing. */
final class Shell {
    private final Map<String, String> env = new HashMap<>();
    private Clock clock = Clock.systemUTC();
    private String stdin = "";
    private String terminal;

    Shell env(String name, String value) {
        env.put(name, value);
        return this;
    }

    Shell env(Map<String, String> more) {
        env.putAll(more);
        return this;
    }

    Shell clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    Shell stdin(String text) {
        this.stdin = text;
        return this;
    }

    /** Gives the command a terminal on which the user types this. */
    Shell terminal(String typed) {
        this.terminal = typed;
        return this;
    }

    /** Runs a command to its end. */
    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Console console = Console.of(env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                clock);
        if (terminal != null) {
            console = console.withTerminal(new ByteArrayInputStream(terminal.getBytes(StandardCharsets.UTF_8)));
        }
        int code = Cli.run(args, console);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Starts a long-running command (serve, fake-sts) in the background. */
    Background start(String... args) {
        Lines out = new Lines();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(new Synchronized(err), true, StandardCharsets.UTF_8);
        Console console = Console.of(env, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), errStream, clock);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Cli.run(args, console));
        return new Background(console, out, err, exit);
    }

    /** What a command left behind. */
    record Result(int code, String out, String err) {
    }

    /** A command running in the background. */
    record Background(Console console, Lines out, ByteArrayOutputStream errBytes, CompletableFuture<Integer> exit) {
        /** The next line of standard output, waiting for it (or for the command to end). */
        String nextLine() throws InterruptedException {
            for (int i = 0; i < 600; i++) {
                String line = out.lines.poll(100, TimeUnit.MILLISECONDS);
                if (line != null) {
                    return line;
                }
                if (exit.isDone()) {
                    throw new AssertionError("the command ended with " + exit.join() + ": " + err());
                }
            }
            throw new AssertionError("no output within a minute: " + err());
        }

        /** Stops the command as Ctrl-C does and returns its exit code. */
        int stop() throws Exception {
            console.stop();
            return exit.get(30, TimeUnit.SECONDS);
        }

        public String err() {
            synchronized (errBytes) {
                return errBytes.toString(StandardCharsets.UTF_8);
            }
        }
    }

    /** An output stream that hands on each completed line. */
    static final class Lines extends OutputStream {
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                lines.add(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }
    }

    private static final class Synchronized extends OutputStream {
        private final ByteArrayOutputStream target;

        Synchronized(ByteArrayOutputStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            synchronized (target) {
                target.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (target) {
                target.write(b, off, len);
            }
        }
    }
}
