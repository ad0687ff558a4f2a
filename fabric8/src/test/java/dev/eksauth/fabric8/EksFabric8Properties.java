package dev.eksauth.fabric8;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import dev.eksauth.token.EksToken;

class EksFabric8Properties {
    static final EksToken FIXED = new EksToken(EksToken.PREFIX + "x", Instant.MAX);

    @Property
    void everyHttpsEndpointBecomesTheMasterUrl(@ForAll("endpoints") String endpoint, @ForAll boolean trailingSlash) {
        String config = EksFabric8.builder().endpoint(endpoint + (trailingSlash ? "/" : "")).tokenSupplier(() -> FIXED)
                .build().getMasterUrl();

        assertThat(config).isEqualTo(endpoint + "/");
    }

    @Property
    void everyOtherSchemeIsRefused(@ForAll("schemes") String scheme, @ForAll("endpoints") String endpoint) {
        String other = scheme + endpoint.substring("https".length());

        assertThatThrownBy(() -> EksFabric8.builder().endpoint(other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("https");
    }

    @Property
    void everyTokenTheSupplierHandsOutIsWhatFabric8Sends(@ForAll("tokens") String value) {
        EksToken token = new EksToken(value, Instant.MAX);

        String sent = EksFabric8.builder().endpoint("https://cluster.example").tokenSupplier(() -> token).build()
                .getOauthTokenProvider().getToken();

        assertThat(sent).isEqualTo(value);
    }

    @Provide
    Arbitrary<String> endpoints() {
        Arbitrary<String> label = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789").ofMinLength(1)
                .ofMaxLength(12);
        // A host name's last label starts with a letter (else java.net.URI reads it as a bad IPv4 address).
        Arbitrary<String> topLabel = Combinators.combine(Arbitraries.chars().range('a', 'z'), label.injectNull(0.3))
                .as((c, rest) -> c + (rest == null ? "" : rest));
        Arbitrary<String> host = Combinators.combine(label.list().ofMaxSize(4), topLabel)
                .as((l, top) -> l.isEmpty() ? top : String.join(".", l) + "." + top);
        Arbitrary<String> port = Arbitraries.integers().between(1, 65535).map(p -> ":" + p).injectNull(0.5)
                .map(p -> p == null ? "" : p);
        Arbitrary<String> path = label.list().ofMaxSize(3).map(l -> l.isEmpty() ? "" : "/" + String.join("/", l));
        return Combinators.combine(host, port, path).as((h, p, s) -> "https://" + h + p + s);
    }

    @Provide
    Arbitrary<String> schemes() {
        return Arbitraries.of("http", "ws", "wss", "ftp", "file", "httpx");
    }

    @Provide
    Arbitrary<String> tokens() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
                .ofMinLength(1).ofMaxLength(2000).map(s -> EksToken.PREFIX + s);
    }
}
