package dev.eksauth.cli;

import dev.eksauth.cli.internal.Cli;
import dev.eksauth.cli.internal.Console;

/**
 * The entry point of the {@code eksauth} command. Run {@code eksauth --help} for the commands and
 * their exit codes.
 */
public final class Main {
    private Main() {
    }

    /**
     * Runs the command line and exits the JVM with the command's exit code.
     *
     * @param args the command line arguments
     */
    public static void main(String[] args) {
        // The process owns its JVM: its JDK servers (serve, fake-sts, demo) answer without waiting
        // for the client's delayed ACK, unless the user chose otherwise with -D.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        // No option takes a java.sql or java.time type through picocli's own converters (durations
        // have eksauth's), so picocli need not load and initialise those classes on every run.
        if (System.getProperty("picocli.converters.excludes") == null) {
            System.setProperty("picocli.converters.excludes", "java\\.sql\\..*,java\\.time\\..*");
        }
        int code = Cli.run(args, Console.system());
        System.out.flush();
        System.exit(code);
    }
}
