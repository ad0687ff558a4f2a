package dev.eksauth.webidentity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;

import dev.eksauth.testkit.FakeSts;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.regions.Region;

class WebIdentityProperties {
    static final FakeSts STS = FakeSts.create();
    static final Path DIR = tempDir();
    static final Path TOKEN_FILE = DIR.resolve("token");

    @AfterContainer
    static void stop() {
        STS.close();
    }

    /** What STS accepts as a web identity token, in characters. */
    static final int STS_MAX_TOKEN = 20_000;

    @Property(tries = 80)
    void anyFileContentGivesCredentialsOrAWebIdentityException(@ForAll("contents") byte[] content) throws IOException {
        Files.write(TOKEN_FILE, content);
        Optional<String> expected = expectedToken(content);
        long callsBefore = STS.requestCount();

        Optional<String> read;
        try {
            read = Optional.of(WebIdentityTokenSource.fromFile(TOKEN_FILE).token());
        } catch (WebIdentityException e) {
            assertThat(e.getMessage()).contains(TOKEN_FILE.toString());
            read = Optional.empty();
        }
        Optional<AwsCredentials> resolved = resolve(WebIdentityCredentialsProvider.builder().tokenFile(TOKEN_FILE)
                .roleArn("arn:aws:iam::123456789012:role/app").region(Region.US_WEST_2)
                .stsEndpointOverride(STS.endpoint()));

        assertThat(read).isEqualTo(expected);
        if (expected.isEmpty()) {
            assertThat(resolved).isEmpty();
            assertThat(STS.requestCount()).isEqualTo(callsBefore);
        } else if (expected.get().length() <= STS_MAX_TOKEN) {
            assertThat(resolved).isPresent();
            assertThat(last(STS.webIdentityTokens())).isEqualTo(expected.get());
        }
    }

    @Property(tries = 80)
    void anySettingsGiveCredentialsOrAWebIdentityException(@ForAll("environments") Map<String, String> env,
            @ForAll("propertySets") Map<String, String> properties) {
        WebIdentitySettings settings;
        try {
            settings = WebIdentitySettings.fromEnvironment(env::get, properties::get);
        } catch (InvalidWebIdentityException e) {
            assertThat(e.getMessage()).containsAnyOf("AWS_", "aws.");
            Statistics.collect("settings refused: " + e.reason());
            return;
        }
        var builder = WebIdentityCredentialsProvider.builder().settings(settings).stsEndpointOverride(STS.endpoint());
        if (settings.region().isEmpty()) {
            builder.region(Region.US_WEST_2);
        }
        Statistics.collect(resolve(builder).isPresent() ? "credentials" : "refused on resolve");
        Statistics.coverage(c -> c.check("credentials").percentage(p -> p >= 10));
    }

    /** Builds and resolves; only a WebIdentityException may come out. */
    static Optional<AwsCredentials> resolve(WebIdentityCredentialsProvider.Builder builder) {
        try (WebIdentityCredentialsProvider provider = builder.build()) {
            AwsCredentials credentials = provider.resolveCredentials();
            assertThat(credentials.accessKeyId()).isNotBlank();
            return Optional.of(credentials);
        } catch (WebIdentityException e) {
            assertThat(e.getMessage()).isNotBlank();
            return Optional.empty();
        }
    }

    /** What the token file should yield: UTF-8 text, stripped, not empty, at most 64 KiB. */
    static Optional<String> expectedToken(byte[] content) {
        if (content.length > WebIdentityTokenSource.MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(content)).toString().strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    @Provide
    Arbitrary<byte[]> contents() {
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<byte[]> text = Arbitraries.strings().ofMaxLength(300).map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> jwts = Arbitraries.strings().withCharRange('a', 'z').withChars('.', '-', '_', '\n', ' ')
                .ofMinLength(1).ofMaxLength(200).map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> huge = Arbitraries.integers().between(WebIdentityTokenSource.MAX_TOKEN_LENGTH - 2,
                WebIdentityTokenSource.MAX_TOKEN_LENGTH + 2).map(n -> "j".repeat(n).getBytes(StandardCharsets.UTF_8));
        return Arbitraries.frequencyOf(List.of(Tuple.of(3, bytes), Tuple.of(3, text), Tuple.of(3, jwts),
                Tuple.of(1, huge)));
    }

    @Provide
    Arbitrary<Map<String, String>> environments() {
        return Combinators.combine(
                setting(8, 1, 1, tokenFiles()), setting(8, 1, 1, roleArns()), setting(3, 4, 2, sessionNames()),
                setting(3, 4, 2, regions()), setting(6, 2, 1, regions()))
                .as((file, role, session, region, defaultRegion) -> settings(List.of(
                        Map.entry("AWS_WEB_IDENTITY_TOKEN_FILE", file), Map.entry("AWS_ROLE_ARN", role),
                        Map.entry("AWS_ROLE_SESSION_NAME", session), Map.entry("AWS_REGION", region),
                        Map.entry("AWS_DEFAULT_REGION", defaultRegion))));
    }

    @Provide
    Arbitrary<Map<String, String>> propertySets() {
        return Combinators.combine(setting(1, 6, 2, tokenFiles()), setting(1, 6, 2, roleArns()),
                setting(1, 6, 2, sessionNames()), setting(1, 6, 2, regions()))
                .as((file, role, session, region) -> settings(List.of(Map.entry("aws.webIdentityTokenFile", file),
                        Map.entry("aws.roleArn", role), Map.entry("aws.roleSessionName", session),
                        Map.entry("aws.region", region))));
    }

    /** A setting that is valid, absent, or junk, by weight. */
    static Arbitrary<Optional<String>> setting(int valid, int absent, int junk, Arbitrary<String> values) {
        return Arbitraries.frequencyOf(List.of(Tuple.of(valid, values.map(Optional::of)),
                Tuple.of(absent, Arbitraries.just(Optional.<String>empty())),
                Tuple.of(junk, junk().map(Optional::of))));
    }

    static Map<String, String> settings(List<Map.Entry<String, Optional<String>>> entries) {
        Map<String, String> out = new HashMap<>();
        entries.forEach(e -> e.getValue().ifPresent(v -> out.put(e.getKey(), v)));
        return out;
    }

    static Arbitrary<String> tokenFiles() {
        return Arbitraries.frequencyOf(List.of(Tuple.of(6, Arbitraries.just(goodTokenFile().toString())),
                Tuple.of(1, Arbitraries.of(DIR.toString(), DIR.resolve("absent").toString(), "/dev/null",
                        "relative/token"))));
    }

    static Arbitrary<String> roleArns() {
        return Arbitraries.of("arn:aws:iam::123456789012:role/app", "arn:aws-cn:iam::123456789012:role/team/b",
                "arn:aws-us-gov:iam::123456789012:role/x", " arn:aws:iam::123456789012:role/padded\n");
    }

    static Arbitrary<String> sessionNames() {
        return Arbitraries.strings().withChars("abcXYZ019+=,.@_-").ofMinLength(2).ofMaxLength(64);
    }

    static Arbitrary<String> regions() {
        return Arbitraries.of("us-west-2", "eu-central-1", "cn-north-1", "eu-isoe-west-1", "xx-new-1");
    }

    static Arbitrary<String> junk() {
        return Arbitraries.oneOf(
                Arbitraries.of("", " ", "\n", "arn:aws:iam::123456789012:user/alice", "arn:aws:iam::123456789012:role/",
                        "arn:xx:iam::1:role/r", "arn:aws:sts::123456789012:assumed-role/app/s", "US-WEST-2", "a",
                        "x".repeat(65), "with\u0000nul", "../../etc"),
                Arbitraries.strings().ofMaxLength(80));
    }

    static Path goodTokenFile() {
        Path file = DIR.resolve("good-token");
        if (!Files.exists(file)) {
            try {
                Files.writeString(file, "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhcHAifQ.c2ln\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return file;
    }

    static String last(List<String> list) {
        return list.get(list.size() - 1);
    }

    static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("eksauth-webid");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
