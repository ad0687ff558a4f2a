package dev.eksauth.cli.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The exit code list of a command's usage: a picocli mixin for annotated commands, {@link #addTo}
 * for commands declared through the programmatic API. Not public API.
 */
@Command(exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.DONE, ExitCodes.DENIED, ExitCodes.USAGE,
    ExitCodes.UNAVAILABLE, ExitCodes.BAD_INPUT, ExitCodes.NO_TOKEN, ExitCodes.INTERNAL})
final class ExitCodes {
    static final String HEADING = "%nExit codes:%n";
    static final String DONE = "0:done (token printed, token valid, identity mapped); a server stopped by a signal exits 130 or 143";
    static final String DENIED = "1:denied: invalid or rejected token, or no mapping; EKS refused a call; an access entry differs from the plan";
    static final String USAGE = "2:usage: bad or missing arguments";
    static final String UNAVAILABLE = "3:STS, EKS or the OIDC issuer unavailable, or throttling: try again later";
    static final String BAD_INPUT = "4:bad input: missing or unreadable file, bad aws-auth or PEM; no such cluster, or not ACTIVE";
    static final String NO_TOKEN = "5:no token: no AWS credentials, role not assumed, or signing failed";
    static final String INTERNAL = "70:internal error";

    /** Adds the exit code list to the usage of a command declared through the programmatic API. */
    static void addTo(CommandSpec spec) {
        Map<String, String> list = new LinkedHashMap<>();
        for (String line : new String[] {DONE, DENIED, USAGE, UNAVAILABLE, BAD_INPUT, NO_TOKEN, INTERNAL}) {
            int colon = line.indexOf(':');
            list.put(line.substring(0, colon), line.substring(colon + 1));
        }
        spec.usageMessage().exitCodeListHeading(HEADING).exitCodeList(list);
    }
}
