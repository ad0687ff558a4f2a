package dev.eksauth.cli.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.eksauth.core.CoreException;
import dev.eksauth.core.Principal;
import dev.eksauth.core.PrincipalType;
import dev.eksauth.testkit.FakeSts;
import dev.eksauth.testkit.StsIdentity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code eksauth fake-sts}: the testkit's loopback STS in the foreground. Not public API. */
@Command(name = "fake-sts", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = {"Run a loopback STS that checks real SigV4 signatures, for local trials: prints its URL on "
                + "standard output and runs until Ctrl-C.",
            "Point 'eksauth verify --sts-url URL' or 'eksauth serve --sts-url URL' at it, and sign tokens with the "
                    + "registered keys (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)."})
final class FakeStsCommand implements Callable<Integer> {
    private final Console console;

    @Mixin
    ExitCodes exitCodes;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "0",
            description = "The loopback port; default any free one.")
    int port;

    @Option(names = "--identity", required = true, paramLabel = "AKID:SECRET:ARN[:USERID]",
            description = {"Credentials the fake knows and whose they are (repeatable). USERID defaults to one derived "
                    + "from the ARN; for an assumed role it is ROLEID:SESSION."})
    List<String> identities = new ArrayList<>();

    FakeStsCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws Exception {
        FakeSts.Builder builder = FakeSts.builder().clock(console.clock());
        for (String spec : identities) {
            builder.identity(parse(spec));
        }
        FakeSts sts;
        try {
            sts = builder.port(port).build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CliException(ExitCode.INPUT, e.getMessage());
        }
        console.runUntilStopped(() -> {
            console.err().println("eksauth fake-sts: " + identities.size() + " identities, listening on "
                    + sts.endpoint() + " (Ctrl-C stops)");
            console.out().println(sts.endpoint());
            console.out().flush();
        }, () -> {
            sts.close();
            console.err().println("eksauth fake-sts: stopped");
        });
        return ExitCode.OK;
    }

    /** Reads {@code AKID:SECRET:ARN[:USERID]}; the ARN has six colon-separated fields. */
    static StsIdentity parse(String spec) {
        String[] parts = spec.split(":", -1);
        if (parts.length < 8 || parts[0].isEmpty() || parts[1].isEmpty() || !"arn".equals(parts[2])) {
            throw new CliException(ExitCode.USAGE, "--identity must be ACCESS_KEY_ID:SECRET:ARN[:USERID], "
                    + "e.g. AKIDEXAMPLE:secret:arn:aws:iam::111122223333:user/alice (for access key id '"
                    + (parts.length > 0 ? parts[0] : "") + "')");
        }
        String arn = String.join(":", List.of(parts).subList(2, 8));
        String userId = parts.length > 8 ? String.join(":", List.of(parts).subList(8, parts.length)) : null;
        Principal principal;
        try {
            principal = Principal.parse(arn);
        } catch (CoreException e) {
            throw new CliException(ExitCode.USAGE, "--identity for " + parts[0] + ": " + e.getMessage());
        }
        if (userId == null) {
            userId = defaultUserId(principal);
        } else if (principal.type() == PrincipalType.ASSUMED_ROLE && userId.indexOf(':') < 0) {
            userId = userId + ":" + principal.sessionName().orElseThrow();
        }
        return new StsIdentity(parts[0], parts[1], Optional.empty(), arn, userId);
    }

    private static String defaultUserId(Principal principal) {
        if (principal.type() == PrincipalType.ROOT) {
            return principal.accountId();
        }
        if (principal.type() == PrincipalType.FEDERATED_USER) {
            return principal.accountId() + ":" + principal.name();
        }
        String id = (principal.type() == PrincipalType.USER ? "AIDA" : "AROA") + hash(principal.canonicalArn().toString());
        return principal.type() == PrincipalType.ASSUMED_ROLE ? id + ":" + principal.sessionName().orElseThrow() : id;
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 9).toUpperCase(Locale.ROOT).substring(0, 17);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
