package dev.eksauth.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Base64;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import dev.eksauth.testkit.FakeOidcIssuer;

class OidcVerifierProperties {
    private static FakeOidcIssuer issuer;
    private static OidcVerifier verifier;
    private static String valid;

    @BeforeContainer
    static void start() {
        issuer = FakeOidcIssuer.create();
        verifier = OidcVerifier.builder().issuer(issuer.issuer()).clientId("kubernetes")
                .trustedCertificatesPem(issuer.certificatePem()).build();
        valid = issuer.token().subject("alice").audience("kubernetes").sign();
        verifier.verify(valid);
    }

    @AfterContainer
    static void stop() {
        verifier.close();
        issuer.close();
    }

    @Property(tries = 500)
    void arbitraryStringsAreRefusedAsInvalid(@ForAll String token) {
        refusedAsInvalid(token);
    }

    @Property(tries = 500)
    void arbitraryJwtShapedStringsAreRefusedAsInvalid(@ForAll("jwtShaped") String token) {
        refusedAsInvalid(token);
    }

    @Property(tries = 300)
    void anyChangedCharacterOfAValidTokenIsRefused(@ForAll("positions") int position, @ForAll("base64url") char c) {
        if (valid.charAt(position) == c) {
            return;
        }
        String changed = valid.substring(0, position) + c + valid.substring(position + 1);
        try {
            verifier.verify(changed);
        } catch (InvalidOidcTokenException e) {
            return;
        }
        // Base64url's last character of a segment may carry unused bits: the decoded bytes, and so the token, are unchanged.
        assertThat(decode(changed)).isEqualTo(decode(valid));
    }

    /** With the issuer's keys cached, nothing a caller sends makes the issuer unavailable. */
    private static void refusedAsInvalid(String token) {
        try {
            verifier.verify(token);
        } catch (InvalidOidcTokenException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        throw new AssertionError("an arbitrary string was accepted");
    }

    private static String decode(String token) {
        StringBuilder b = new StringBuilder();
        for (String part : token.split("\\.")) {
            b.append(new String(Base64.getUrlDecoder().decode(part), java.nio.charset.StandardCharsets.ISO_8859_1)).append('|');
        }
        return b.toString();
    }

    @Provide
    Arbitrary<String> jwtShaped() {
        Arbitrary<String> segment = Arbitraries.oneOf(
                Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=").ofMaxLength(60),
                Arbitraries.strings().ofMaxLength(40).map(s -> Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(s.getBytes(java.nio.charset.StandardCharsets.UTF_8))),
                Arbitraries.of("{}", "{\"alg\":\"RS256\"}", "{\"alg\":\"none\"}", "{\"alg\":\"HS256\"}", "[]", "null",
                        "{\"alg\":\"RS256\",\"crit\":[\"x\"]}", "{\"iss\":1}").map(s -> Base64.getUrlEncoder()
                        .withoutPadding().encodeToString(s.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        return segment.list().ofMinSize(1).ofMaxSize(6).map(parts -> String.join(".", parts));
    }

    @Provide
    Arbitrary<Integer> positions() {
        return Arbitraries.integers().between(0, valid.length() - 1).filter(i -> valid.charAt(i) != '.');
    }

    @Provide
    Arbitrary<Character> base64url() {
        return Arbitraries.chars().with("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray());
    }
}
