package dev.eksauth.cli.internal;

import picocli.CommandLine.Command;

/** A picocli mixin that adds the exit code list to a command's usage. Not public API. */
@Command(exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
    "0:done (token printed, token valid, identity mapped); a server stopped by a signal exits 130 or 143",
    "1:denied: invalid or rejected token, or no mapping; EKS refused a call; an access entry differs from the plan",
    "2:usage: bad or missing arguments",
    "3:STS, EKS or the OIDC issuer unavailable, or throttling: try again later",
    "4:bad input: missing or unreadable file, bad aws-auth or PEM; no such cluster, or not ACTIVE",
    "5:no token: no AWS credentials, role not assumed, or signing failed",
    "70:internal error"})
final class ExitCodes {
}
