package dev.eksauth.cli.internal;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.eksauth.core.SigningAlgorithm;
import dev.eksauth.oidc.AuthenticationConfiguration;
import dev.eksauth.oidc.InvalidAuthenticationConfigurationException;
import dev.eksauth.oidc.InvalidOidcTokenException;
import dev.eksauth.oidc.IssuerUnavailableException;
import dev.eksauth.oidc.OidcIdentity;
import dev.eksauth.oidc.OidcVerifier;
import dev.eksauth.oidc.StructuredOidcVerifier;
import dev.eksauth.oidc.SystemNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code eksauth oidc-verify}: which Kubernetes user an OIDC ID token is, as an EKS identity provider sees it. Not public API. */
@Command(name = "oidc-verify", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = {"Verify an OIDC ID token as an EKS OIDC identity provider does (--issuer and --client-id), or as "
                + "kube-apiserver does with an AuthenticationConfiguration file (--authentication-config: several "
                + "issuers, CEL mappings and rules), with keys from the issuer's discovery document, and print the "
                + "Kubernetes user as JSON (username, uid, groups, extra, issuer, subject, expiresAt, claims).",
            "Usernames and groups starting with system: are refused unless --allow-system-names is given.",
            "Exits 0 only for a valid token; otherwise prints why on standard error (never the token)."})
final class OidcVerifyCommand implements Callable<Integer> {
    private final Console console;

    @Mixin
    ExitCodes exitCodes;

    @Option(names = "--authentication-config", paramLabel = "FILE",
            description = "A kube-apiserver AuthenticationConfiguration (apiserver.config.k8s.io/v1 or v1beta1, YAML or "
                    + "JSON) whose jwt authenticators verify the token; instead of --issuer, --client-id and the claim options.")
    Path authenticationConfig;

    @Option(names = "--issuer", paramLabel = "URL",
            description = "The issuer URL (https), equal to the tokens' iss. Required without --authentication-config.")
    URI issuer;

    @Option(names = "--client-id", paramLabel = "ID",
            description = "The client id the tokens' aud must contain. Required without --authentication-config.")
    String clientId;

    @Option(names = "--allow-system-names",
            description = "Accept usernames and groups that start with system: (refused by default).")
    boolean allowSystemNames;

    @Option(names = "--username-claim", paramLabel = "CLAIM",
            description = "The claim holding the username; default sub.")
    String usernameClaim;

    @Option(names = "--username-prefix", paramLabel = "PREFIX",
            description = "Put before every username; - for none. Default: ISSUER# (none with --username-claim email).")
    String usernamePrefix;

    @Option(names = "--groups-claim", paramLabel = "CLAIM", description = "The claim holding the groups (a string or a list).")
    String groupsClaim;

    @Option(names = "--groups-prefix", paramLabel = "PREFIX", description = "Put before every group.")
    String groupsPrefix;

    @Option(names = "--required-claim", paramLabel = "KEY=VALUE",
            description = "A claim the token must carry with exactly this value; repeatable.")
    Map<String, String> requiredClaims = new LinkedHashMap<>();

    @Option(names = "--signing-alg", paramLabel = "ALG", split = ",",
            description = "An allowed signature algorithm, repeatable: ${COMPLETION-CANDIDATES}; default RS256.")
    List<SigningAlgorithm> algorithms = List.of();

    @Option(names = "--ca-file", paramLabel = "PEM",
            description = "Trust these CA certificates for the issuer's HTTPS, instead of the JVM's.")
    Path caFile;

    @Parameters(arity = "0..1", paramLabel = "TOKEN",
            description = "The ID token, or - (the default) to read it from standard input; prefer standard input, "
                    + "since arguments are visible to other users of the machine.")
    String token;

    OidcVerifyCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        if (authenticationConfig != null) {
            if (issuer != null || clientId != null || usernameClaim != null || usernamePrefix != null || groupsClaim != null
                    || groupsPrefix != null || !requiredClaims.isEmpty() || caFile != null) {
                throw new CliException(ExitCode.USAGE, "--authentication-config replaces --issuer, --client-id, the claim"
                        + " and prefix options and --ca-file (the file has certificateAuthority)");
            }
            try (StructuredOidcVerifier verifier = structuredVerifier()) {
                return print(() -> verifier.verify(token()));
            }
        }
        if (issuer == null || clientId == null) {
            throw new CliException(ExitCode.USAGE, "give --issuer and --client-id, or --authentication-config");
        }
        try (OidcVerifier verifier = verifier()) {
            return print(() -> verifier.verify(token()));
        }
    }

    private String token() {
        return token == null || "-".equals(token) ? VerifyCommand.readToken(console) : token;
    }

    private int print(Supplier<OidcIdentity> verification) {
        try {
            console.out().println(Json.pretty(json(verification.get())));
            return ExitCode.OK;
        } catch (InvalidOidcTokenException e) {
            throw new CliException(ExitCode.DENIED, "token refused (" + e.reason() + "): " + e.getMessage());
        } catch (IssuerUnavailableException e) {
            throw new CliException(ExitCode.STS_UNAVAILABLE, "issuer unavailable: " + e.getMessage());
        }
    }

    private StructuredOidcVerifier structuredVerifier() {
        AuthenticationConfiguration config;
        try {
            config = AuthenticationConfiguration.read(authenticationConfig);
        } catch (InvalidAuthenticationConfigurationException e) {
            throw new CliException(ExitCode.INPUT, e.getMessage());
        }
        StructuredOidcVerifier.Builder builder = StructuredOidcVerifier.builder().configuration(config).clock(console.clock())
                .systemNames(allowSystemNames ? SystemNames.ALLOW : SystemNames.REFUSE);
        if (!algorithms.isEmpty()) {
            builder.signingAlgorithms(algorithms.toArray(SigningAlgorithm[]::new));
        }
        return builder.build();
    }

    private OidcVerifier verifier() {
        OidcVerifier.Builder builder = OidcVerifier.builder().clock(console.clock())
                .systemNames(allowSystemNames ? SystemNames.ALLOW : SystemNames.REFUSE);
        try {
            builder.issuer(issuer).clientId(clientId);
            if (usernameClaim != null) {
                builder.usernameClaim(usernameClaim);
            }
            if (usernamePrefix != null) {
                builder.usernamePrefix(usernamePrefix);
            }
            if (groupsClaim != null) {
                builder.groupsClaim(groupsClaim);
            }
            if (groupsPrefix != null) {
                builder.groupsPrefix(groupsPrefix);
            }
            requiredClaims.forEach(builder::requiredClaim);
            if (!algorithms.isEmpty()) {
                builder.signingAlgorithms(algorithms.toArray(SigningAlgorithm[]::new));
            }
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage());
        }
        if (caFile != null) {
            builder.trustedCertificates(PemFiles.certificates(caFile));
        }
        return builder.build();
    }

    private static ObjectNode json(OidcIdentity identity) {
        ObjectNode node = Json.user(identity.user());
        node.put("issuer", identity.issuer().toString());
        node.put("subject", identity.subject());
        node.put("expiresAt", identity.expiresAt().toString());
        node.set("claims", Json.MAPPER.valueToTree(identity.claims()));
        return node;
    }
}
