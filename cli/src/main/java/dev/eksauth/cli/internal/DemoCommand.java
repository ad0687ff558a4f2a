package dev.eksauth.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.eksauth.core.CallerIdentity;
import dev.eksauth.mapping.AuthenticationResult;
import dev.eksauth.mapping.AwsAuth;
import dev.eksauth.mapping.AwsAuthMapper;
import dev.eksauth.mapping.EksAuthenticator;
import dev.eksauth.mapping.MapperChain;
import dev.eksauth.mapping.TokenReview;
import dev.eksauth.testkit.FakeSts;
import dev.eksauth.testkit.StsIdentity;
import dev.eksauth.token.EksToken;
import dev.eksauth.token.EksTokenGenerator;
import dev.eksauth.token.EksTokenVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.regions.Region;

/**
 * {@code eksauth demo}: the whole loop in one process, on loopback, with real signing and
 * verification against the testkit's STS. Not public API.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = {"Run the whole EKS authentication loop in this process, on loopback, and print each step: "
                + "a fake STS that checks real SigV4 signatures, a token signed with demo credentials, its verification, "
                + "its mapping through a bundled aws-auth, the TokenReview webhook's answer, and denied cases.",
            "Needs no AWS account and no network."})
final class DemoCommand implements Callable<Integer> {
    static final String CLUSTER = "demo";
    static final String ACCOUNT = "111122223333";

    private final Console console;

    @Mixin
    ExitCodes exitCodes;

    DemoCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = console.out();
        StsIdentity alice = new StsIdentity("ASIAEKSAUTHDEMOALICE", "demo-secret-alice-not-a-real-key-0000000000",
                Optional.of("demo-session-token-alice"),
                "arn:aws:sts::" + ACCOUNT + ":assumed-role/DemoAdmin/alice@example.com",
                "AROAEKSAUTHDEMOADMIN:alice@example.com");
        StsIdentity mallory = new StsIdentity("AKIAEKSAUTHDEMOMALLO", "demo-secret-mallory-not-a-real-key-00000000",
                Optional.empty(), "arn:aws:iam::" + ACCOUNT + ":user/mallory", "AIDAEKSAUTHDEMOMALLORY");
        AwsAuth awsAuth = AwsAuth.parseConfigMap(bundledAwsAuth());
        boolean asExpected = true;
        try (FakeSts sts = FakeSts.builder().clock(console.clock()).identity(alice).identity(mallory).build()) {
            out.println("eksauth demo: the EKS authentication loop on loopback, with demo credentials.");
            out.println();
            out.println("1. A fake STS listens at " + sts.endpoint() + "; like STS, it recomputes every SigV4 signature.");
            out.println("   It knows " + alice.arn() + " and " + mallory.arn() + ".");

            EksToken token = sign(alice);
            out.println();
            out.println("2. eksauth signed a token for cluster '" + CLUSTER + "' (us-west-2) with alice's credentials,");
            out.println("   as 'eksauth token -i " + CLUSTER + "' does for kubectl (shortened: tokens are bearer secrets):");
            out.println("   " + shorten(token.value()));
            out.println("   expires " + token.expiration());

            EksTokenVerifier verifier = EksTokenVerifier.builder().clusterId(CLUSTER).clock(console.clock())
                    .stsEndpointOverride(sts.endpoint()).build();
            CallerIdentity identity = verifier.verify(token.value());
            out.println();
            out.println("3. The verifier checked the token locally, then asked STS who signed it:");
            indent(out, Json.pretty(Json.identity(identity)));

            MapperChain mappers = MapperChain.of(AwsAuthMapper.of(awsAuth.config()));
            AuthenticationResult mapped = mappers.map(identity);
            out.println();
            out.println("4. The bundled aws-auth maps role DemoAdmin to 'admin:{{SessionName}}' in system:masters:");
            if (mapped instanceof AuthenticationResult.Authenticated ok) {
                out.println("   " + ok.source() + " ->");
                indent(out, Json.pretty(Json.user(ok.user())));
            } else {
                asExpected = false;
                out.println("   unexpectedly not mapped: " + ((AuthenticationResult.Denied) mapped).message());
            }

            EksAuthenticator authenticator = EksAuthenticator.create(verifier, mappers);
            try (WebhookServer webhook = WebhookServer.start(new WebhookServer.Settings(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null, authenticator, verifier, List.of(), 16,
                    64 * 1024, 64, Duration.ofSeconds(10), Duration.ofSeconds(10),
                    AccessLog.json(new PrintStream(PrintStream.nullOutputStream()), Clock.systemUTC())))) {
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                out.println();
                out.println("5. kube-apiserver would POST a TokenReview to the webhook at " + webhook.authenticateUrl() + ":");
                asExpected &= review(http, webhook, token.value(), 200, out);

                out.println();
                out.println("6. Denied: mallory's token is valid, but aws-auth has no mapping for her:");
                asExpected &= review(http, webhook, sign(mallory).value(), 403, out);

                out.println();
                out.println("7. Denied: alice's token replayed against another cluster fails STS's signature check:");
                EksAuthenticator other = EksAuthenticator.create(EksTokenVerifier.builder().clusterId("prod")
                        .clock(console.clock()).stsEndpointOverride(sts.endpoint()).build(), mappers);
                AuthenticationResult replay = other.authenticate(token.value());
                out.println("   " + TokenReview.V1 + " answer for cluster 'prod': " + new TokenReview(TokenReview.V1, "")
                        .respond(replay));
                asExpected &= replay instanceof AuthenticationResult.Denied;
            }
            out.println();
            out.println("STS answered " + sts.requestCount("GetCallerIdentity") + " GetCallerIdentity requests; "
                    + "the verifier's cache answered " + verifier.stats().cacheHitCount() + " more.");
        }
        if (!asExpected) {
            throw new CliException(ExitCode.INTERNAL, "the demo did not go as expected");
        }
        return ExitCode.OK;
    }

    private EksToken sign(StsIdentity who) {
        try (EksTokenGenerator generator = EksTokenGenerator.builder().clusterId(CLUSTER).region(Region.US_WEST_2)
                .credentialsProvider(who.credentialsProvider()).clock(console.clock()).build()) {
            return generator.generate();
        }
    }

    private static boolean review(HttpClient http, WebhookServer webhook, String token, int expected, PrintStream out)
            throws IOException, InterruptedException {
        String body = "{\"apiVersion\":\"" + TokenReview.V1 + "\",\"kind\":\"TokenReview\",\"spec\":{\"token\":"
                + Json.MAPPER.writeValueAsString(token) + "}}";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(webhook.authenticateUrl())
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(15))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        out.println("   HTTP " + response.statusCode());
        indent(out, Json.pretty(Json.MAPPER.readTree(response.body())));
        return response.statusCode() == expected;
    }

    /** The first characters of a token and its length: enough to recognise, not to use. */
    static String shorten(String token) {
        return token.substring(0, Math.min(28, token.length())) + "...(" + token.length() + " characters)";
    }

    private static void indent(PrintStream out, String text) {
        text.lines().forEach(line -> out.println("   " + line));
    }

    static String bundledAwsAuth() throws IOException {
        try (InputStream in = DemoCommand.class.getResourceAsStream("demo-aws-auth.yaml")) {
            if (in == null) {
                throw new CliException(ExitCode.INTERNAL, "the bundled demo-aws-auth.yaml is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
