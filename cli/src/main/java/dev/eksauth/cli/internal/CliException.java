package dev.eksauth.cli.internal;

/**
 * A command failed in a way it can explain: the message goes to standard error as one line and the
 * process exits with the code. Messages never contain a token or a secret. Not public API.
 */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /** A failure with an exit code from {@link ExitCode}. */
    public CliException(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    /** The exit code. */
    public int exitCode() {
        return exitCode;
    }
}
