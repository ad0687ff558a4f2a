package dev.eksauth.cli.internal;

/** The exit codes of every command, as the usage lists them. Not public API. */
public final class ExitCode {
    /** Done: the token was made, verified or mapped, or the server stopped cleanly. */
    public static final int OK = 0;
    /** Denied: the token is invalid or rejected, or the identity is not mapped. */
    public static final int DENIED = 1;
    /** Usage: bad or missing arguments. */
    public static final int USAGE = 2;
    /** Unavailable: STS, the OIDC issuer or a lookup the mapping needs could not be reached or failed, or STS throttled: retrying later may help. */
    public static final int STS_UNAVAILABLE = 3;
    /** Input: a file is missing or unreadable, or its content is not what was expected. */
    public static final int INPUT = 4;
    /** No token: AWS credentials could not be found, a role could not be assumed, or signing failed. */
    public static final int NO_CREDENTIALS = 5;
    /** Internal error: a bug; the message says where. */
    public static final int INTERNAL = 70;


    private ExitCode() {
    }
}
