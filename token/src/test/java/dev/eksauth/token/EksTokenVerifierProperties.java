package dev.eksauth.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import dev.eksauth.testkit.MutableClock;

class EksTokenVerifierProperties {
    final AtomicInteger sent = new AtomicInteger();
    final EksTokenVerifier verifier = EksTokenVerifier.builder().clusterId("prod")
            .clock(MutableClock.at("2026-11-23T10:00:00Z"))
            .transport(request -> {
                sent.incrementAndGet();
                return CompletableFuture.failedFuture(new IOException("no network in this test"));
            })
            .build();

    @Property
    void arbitraryTextYieldsOnlyVerificationErrors(@ForAll String token) {
        assertOnlyOurErrors(token);
    }

    @Property
    void arbitraryPrefixedTextYieldsOnlyVerificationErrors(@ForAll("prefixed") String token) {
        assertOnlyOurErrors(token);
    }

    @Property
    void arbitraryUrlsBehindThePrefixYieldOnlyVerificationErrors(@ForAll("urls") String url) {
        assertOnlyOurErrors(EksToken.PREFIX + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(url.getBytes(StandardCharsets.UTF_8)));
    }

    @Provide
    Arbitrary<String> prefixed() {
        return Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/ ")
                .ofMaxLength(300).map(s -> EksToken.PREFIX + s);
    }

    @Provide
    Arbitrary<String> urls() {
        Arbitrary<String> host = Arbitraries.of("sts.us-west-2.amazonaws.com", "sts.amazonaws.com",
                "sts-fips.us-east-1.amazonaws.com", "evil.com", "STS.amazonaws.com", "sts.us-west-2.amazonaws.com:443");
        Arbitrary<String> query = Arbitraries.strings().withChars("AXYZaxyz-=&%0123456789;.#?/ \n")
                .ofMaxLength(200);
        Arbitrary<String> keys = Arbitraries.of("Action=GetCallerIdentity", "X-Amz-Date=20261123T095900Z",
                "X-Amz-Expires=60", "X-Amz-SignedHeaders=host%3Bx-k8s-aws-id",
                "X-Amz-Credential=AKID%2F20261123%2Fus-west-2%2Fsts%2Faws4_request", "Version=2011-06-15");
        return net.jqwik.api.Combinators.combine(Arbitraries.of("https://", "http://", "", "https:"), host,
                        Arbitraries.of("/", "", "//", "/x"), keys.list().ofMaxSize(7), query)
                .as((scheme, h, path, ks, q) -> scheme + h + path + "?" + String.join("&", ks) + q);
    }

    private void assertOnlyOurErrors(String token) {
        try {
            verifier.verify(token);
            throw new AssertionError("an arbitrary token was accepted");
        } catch (TokenVerificationException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            if (token.length() > 24) {
                assertThat(expected.getMessage()).doesNotContain(token.substring(11));
            }
        }
    }
}
