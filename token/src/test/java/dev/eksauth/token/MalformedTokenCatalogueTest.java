package dev.eksauth.token;

import static dev.eksauth.token.MalformedTokenException.Reason.BAD_ACTION;
import static dev.eksauth.token.MalformedTokenException.Reason.BAD_CREDENTIAL;
import static dev.eksauth.token.MalformedTokenException.Reason.BAD_DATE;
import static dev.eksauth.token.MalformedTokenException.Reason.BAD_ENCODING;
import static dev.eksauth.token.MalformedTokenException.Reason.BAD_EXPIRES;
import static dev.eksauth.token.MalformedTokenException.Reason.BAD_HOST;
import static dev.eksauth.token.MalformedTokenException.Reason.BAD_PATH;
import static dev.eksauth.token.MalformedTokenException.Reason.BAD_PREFIX;
import static dev.eksauth.token.MalformedTokenException.Reason.BAD_QUERY;
import static dev.eksauth.token.MalformedTokenException.Reason.BAD_SCHEME;
import static dev.eksauth.token.MalformedTokenException.Reason.BAD_URL;
import static dev.eksauth.token.MalformedTokenException.Reason.CLUSTER_ID_NOT_SIGNED;
import static dev.eksauth.token.MalformedTokenException.Reason.EMPTY;
import static dev.eksauth.token.MalformedTokenException.Reason.NOT_YET_VALID;
import static dev.eksauth.token.MalformedTokenException.Reason.TOO_LONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.eksauth.testkit.MutableClock;
import dev.eksauth.testkit.FakeStsExtension;
import software.amazon.awssdk.regions.Region;

/**
 * Every local rule, broken one at a time on an otherwise valid token: each is refused with its own
 * reason, and none reaches STS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedTokenCatalogueTest {
    static final MutableClock CLOCK = MutableClock.at("2026-11-23T10:00:00Z");
    static final String VALID = EksTokenGenerator.builder().clusterId("prod")
            .credentialsProvider(EksTokenGeneratorTest.KEYS).region(Region.US_WEST_2).clock(CLOCK).build()
            .generate().value();
    static final String URL = Tokens.url(VALID).toString();
    static final String HOST = "sts.us-west-2.amazonaws.com";

    @RegisterExtension
    static final FakeStsExtension STS = FakeStsExtension.create();

    EksTokenVerifier verifier;

    @BeforeAll
    void buildVerifier() {
        verifier = EksTokenVerifier.builder().clusterId("prod").clock(CLOCK)
                .stsEndpointOverride(STS.get().endpoint()).build();
    }

    static Arguments url(String name, MalformedTokenException.Reason reason, UnaryOperator<String> change) {
        return Arguments.of(name, reason, Tokens.of(change.apply(URL)));
    }

    static Arguments token(String name, MalformedTokenException.Reason reason, String token) {
        return Arguments.of(name, reason, token);
    }

    static String param(String url, String key, String value) {
        return url.replaceFirst("([?&])" + key + "=[^&]*", "$1" + key + "=" + value);
    }

    static String without(String url, String key) {
        return url.replaceFirst("&" + key + "=[^&]*", "");
    }

    static Stream<Arguments> catalogue() {
        String body = VALID.substring(EksToken.PREFIX.length());
        return Stream.of(
                token("empty", EMPTY, ""),
                token("null", EMPTY, null),
                token("oversized", TOO_LONG, EksToken.PREFIX + "A".repeat(4096)),
                token("other version prefix", BAD_PREFIX, "k8s-aws-v2." + body),
                token("no prefix", BAD_PREFIX, body),
                token("bearer scheme left in", BAD_PREFIX, "Bearer " + VALID),
                token("upper-case prefix", BAD_PREFIX, "K8S-AWS-V1." + body),
                token("not base64", BAD_ENCODING, EksToken.PREFIX + "***"),
                token("standard base64 alphabet", BAD_ENCODING, EksToken.PREFIX + body.substring(0, 8) + "+/" + body.substring(8)),
                token("space inside", BAD_ENCODING, EksToken.PREFIX + body.substring(0, 8) + " " + body.substring(8)),
                token("not ASCII", BAD_ENCODING, EksToken.PREFIX
                        + Base64.getUrlEncoder().encodeToString(new byte[] {(byte) 0xC3, (byte) 0x28})),
                token("not a URL", BAD_URL, Tokens.of("https://sts.us-west-2.amazonaws.com/?a=b c")),
                token("control character", BAD_ENCODING, Tokens.of("https://sts.us-west-2.amazonaws.com/?a=b\nc")),
                token("relative URL", BAD_URL, Tokens.of("/?Action=GetCallerIdentity")),
                token("opaque URL", BAD_URL, Tokens.of("mailto:sts@amazonaws.com")),
                url("fragment", BAD_URL, u -> u + "#frag"),
                url("http", BAD_SCHEME, u -> u.replace("https://", "http://")),
                url("upper-case scheme", BAD_SCHEME, u -> u.replace("https://", "HTTPS://")),
                url("host suffix spoof", BAD_HOST, u -> u.replace(HOST, HOST + ".evil.com")),
                url("host in path", BAD_HOST, u -> u.replace(HOST + "/", "evil.com/" + HOST + "/")),
                url("user info", BAD_HOST, u -> u.replace(HOST, "user@" + HOST)),
                url("user info spoof", BAD_HOST, u -> u.replace(HOST, HOST + "@evil.com")),
                url("default port", BAD_HOST, u -> u.replace(HOST, HOST + ":443")),
                url("other port", BAD_HOST, u -> u.replace(HOST, HOST + ":8443")),
                url("trailing dot", BAD_HOST, u -> u.replace(HOST, HOST + ".")),
                url("upper case host", BAD_HOST, u -> u.replace(HOST, HOST.toUpperCase())),
                url("IDN look-alike", BAD_ENCODING, u -> u.replace(HOST, "\u0455ts.us-west-2.amazonaws.com")),
                url("punycode", BAD_HOST, u -> u.replace(HOST, "xn--ts-zjc.us-west-2.amazonaws.com")),
                url("IP address", BAD_HOST, u -> u.replace(HOST, "127.0.0.1")),
                url("other partition", BAD_HOST, u -> u.replace(HOST, "sts.cn-north-1.amazonaws.com.cn")),
                url("GovCloud region under aws", BAD_HOST, u -> u.replace(HOST, "sts.us-gov-west-1.amazonaws.com")),
                url("bad region label", BAD_HOST, u -> u.replace(HOST, "sts.-x.amazonaws.com")),
                url("not STS", BAD_HOST, u -> u.replace(HOST, "s3.us-west-2.amazonaws.com")),
                url("encoded newline in host", BAD_HOST, u -> u.replace(HOST, "sts.us-west-2%0a.amazonaws.com")),
                url("other path", BAD_PATH, u -> u.replace(HOST + "/", HOST + "/foo")),
                url("empty path", BAD_PATH, u -> u.replace(HOST + "/", HOST)),
                url("double slash", BAD_PATH, u -> u.replace(HOST + "/", HOST + "//")),
                url("encoded dot segment", BAD_PATH, u -> u.replace(HOST + "/", HOST + "/%2e")),
                url("no query", BAD_QUERY, u -> u.substring(0, u.indexOf('?'))),
                url("unknown key", BAD_QUERY, u -> u + "&X-Evil=1"),
                url("duplicate key", BAD_QUERY, u -> u + "&Action=GetCallerIdentity"),
                url("duplicate key in other case", BAD_QUERY, u -> u + "&action=GetCallerIdentity"),
                url("bad escape", BAD_URL, u -> u + "&Version=%zz"),
                url("empty key", BAD_QUERY, u -> u + "&=x"),
                url("key without value", BAD_QUERY, u -> u + "&Version"),
                url("empty parameter", BAD_QUERY, u -> u + "&"),
                url("other action", BAD_ACTION, u -> param(u, "Action", "AssumeRole")),
                url("action with encoded newline", BAD_ACTION, u -> param(u, "Action", "GetCallerIdentity%0a")),
                url("action in other case", BAD_ACTION, u -> param(u, "Action", "getcalleridentity")),
                url("no action", BAD_ACTION, u -> u.replace("Action=GetCallerIdentity&", "")),
                url("cluster id not signed", CLUSTER_ID_NOT_SIGNED, u -> param(u, "X-Amz-SignedHeaders", "host")),
                url("cluster id header as substring", CLUSTER_ID_NOT_SIGNED,
                        u -> param(u, "X-Amz-SignedHeaders", "host%3Bx-k8s-aws-idx")),
                url("expires too long", BAD_EXPIRES, u -> param(u, "X-Amz-Expires", "901")),
                url("negative expires", BAD_EXPIRES, u -> param(u, "X-Amz-Expires", "-1")),
                url("expires not a number", BAD_EXPIRES, u -> param(u, "X-Amz-Expires", "sixty")),
                url("no expires", BAD_EXPIRES, u -> without(u, "X-Amz-Expires")),
                url("no credential", BAD_CREDENTIAL, u -> without(u, "X-Amz-Credential")),
                url("credential for another service", BAD_CREDENTIAL,
                        u -> param(u, "X-Amz-Credential", "AKIAIOSFODNN7EXAMPLE%2F20261123%2Fus-west-2%2Fs3%2Faws4_request")),
                url("no date", BAD_DATE, u -> without(u, "X-Amz-Date")),
                url("ISO date", BAD_DATE, u -> param(u, "X-Amz-Date", "2026-11-23T10:00:00Z")),
                url("impossible date", BAD_DATE, u -> param(u, "X-Amz-Date", "20261323T100000Z")),
                url("signed 10 minutes ahead", NOT_YET_VALID, u -> param(u, "X-Amz-Date", "20261123T101000Z")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void isRefusedLocallyWithItsReason(String name, MalformedTokenException.Reason reason, String token) {
        long before = STS.get().requestCount();

        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOfSatisfying(MalformedTokenException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    if (token != null && token.length() > 20) {
                        assertThat(e.getMessage()).doesNotContain(token.substring(11, 20));
                    }
                });
        assertThat(STS.get().requestCount()).isEqualTo(before);
    }

    @Test
    void aTokenSignedSixteenMinutesAgoIsExpiredNotMalformed() {
        String old = Tokens.of(param(URL, "X-Amz-Date", "20261123T094400Z"));
        long before = STS.get().requestCount();

        assertThatThrownBy(() -> verifier.verify(old)).isInstanceOfSatisfying(ExpiredTokenException.class,
                e -> assertThat(e.signedAt()).isEqualTo(Instant.parse("2026-11-23T09:44:00Z")));
        assertThat(STS.get().requestCount()).isEqualTo(before);
    }

    @Test
    void catalogueCoversEveryReasonWithAtLeastFortyTokens() {
        assertThat(catalogue().count()).isGreaterThanOrEqualTo(40);
        assertThat(catalogue().map(a -> a.get()[1]).distinct().count())
                .isEqualTo(MalformedTokenException.Reason.values().length);
    }

    @Test
    void theUntouchedTokenPassesEveryLocalCheck() {
        assertThat(verifier.verifyAsync(VALID)).failsWithin(Duration.ofSeconds(10))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOf(StsRejectedException.class);
    }

    @Test
    void paddedBase64IsAccepted() {
        String padded = EksToken.PREFIX + Base64.getUrlEncoder().encodeToString(URL.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> verifier.verify(padded)).isInstanceOf(StsRejectedException.class);
    }
}
