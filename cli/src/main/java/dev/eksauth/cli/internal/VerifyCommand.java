package dev.eksauth.cli.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import dev.eksauth.core.CallerIdentity;
import dev.eksauth.token.EksTokenVerifier;
import dev.eksauth.token.ExpiredTokenException;
import dev.eksauth.token.MalformedTokenException;
import dev.eksauth.token.StsRejectedException;
import dev.eksauth.token.StsThrottledException;
import dev.eksauth.token.StsUnavailableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code eksauth verify}: who signed a token, as STS says. Not public API. */
@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = {"Verify an EKS token as the cluster does and print who signed it, as JSON "
                + "(arn, canonicalArn, accountId, userId, sessionName, accessKeyId, stsEndpoint).",
            "Exits 0 only for a valid token; otherwise prints why on standard error (never the token)."})
final class VerifyCommand implements Callable<Integer> {
    /** The longest standard input read as a token; longer tokens fail every verifier's size check anyway. */
    static final int MAX_INPUT = 64 * 1024;

    private final Console console;

    @Mixin
    ExitCodes exitCodes;

    @Option(names = {"-i", "--cluster-id", "--cluster-name"}, required = true, paramLabel = "ID",
            description = "The cluster id tokens must be made for.")
    String clusterId;

    @Mixin
    VerifierOptions verifier;

    @Parameters(arity = "0..1", paramLabel = "TOKEN",
            description = "The token, or - (the default) to read it from standard input; prefer standard input, "
                    + "since arguments are visible to other users of the machine.")
    String token;

    VerifyCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        String value = token == null || "-".equals(token) ? readToken(console) : token;
        CallerIdentity identity = verify(verifier.builder(clusterId, console).cacheSize(0).build(), value);
        console.out().println(Json.pretty(Json.identity(identity)));
        return ExitCode.OK;
    }

    /** Reads a token from standard input, without its surrounding white space. */
    static String readToken(Console console) {
        try {
            byte[] bytes = console.in().readNBytes(MAX_INPUT + 1);
            if (bytes.length > MAX_INPUT) {
                throw new CliException(ExitCode.DENIED, "invalid token: standard input holds more than "
                        + MAX_INPUT + " bytes, more than any token");
            }
            return new String(bytes, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new CliException(ExitCode.INPUT, "cannot read the token from standard input (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Verifies, turning every refusal into a {@link CliException} with the matching exit code. */
    static CallerIdentity verify(EksTokenVerifier verifier, String token) {
        try {
            return verifier.verify(token);
        } catch (MalformedTokenException e) {
            throw new CliException(ExitCode.DENIED, "invalid token (" + e.reason() + "): " + e.getMessage());
        } catch (ExpiredTokenException e) {
            throw new CliException(ExitCode.DENIED, "expired token: " + e.getMessage());
        } catch (StsRejectedException e) {
            throw new CliException(ExitCode.DENIED, "STS rejected the token (HTTP " + e.statusCode()
                    + e.errorCode().map(c -> " " + c).orElse("") + "): " + e.getMessage());
        } catch (StsThrottledException e) {
            throw new CliException(ExitCode.STS_UNAVAILABLE, "STS throttled: " + e.getMessage());
        } catch (StsUnavailableException e) {
            throw new CliException(ExitCode.STS_UNAVAILABLE, "STS unavailable: " + e.getMessage());
        }
    }
}
