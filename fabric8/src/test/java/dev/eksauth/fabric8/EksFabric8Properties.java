package dev.eksauth.fabric8;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import dev.eksauth.token.EksToken;
import dev.eksauth.token.contract.ClusterEndpoints;

class EksFabric8Properties {
    static final EksToken FIXED = new EksToken(EksToken.PREFIX + "x", Instant.MAX);

    @Property
    void everyHttpsEndpointBecomesTheMasterUrl(@ForAll("endpoints") URI endpoint, @ForAll boolean trailingSlash) {
        String masterUrl = EksFabric8.builder().endpoint(URI.create(endpoint + (trailingSlash ? "/" : "")))
                .tokenSupplier(() -> FIXED).build().getMasterUrl();

        assertThat(masterUrl).isEqualTo(endpoint + "/");
    }

    @Property
    void everyTokenTheSupplierHandsOutIsWhatFabric8Sends(@ForAll("tokens") String value) {
        EksToken token = new EksToken(value, Instant.MAX);

        String sent = EksFabric8.builder().endpoint(URI.create("https://cluster.example")).tokenSupplier(() -> token)
                .build().getOauthTokenProvider().getToken();

        assertThat(sent).isEqualTo(value);
    }

    @Provide
    Arbitrary<URI> endpoints() {
        return ClusterEndpoints.https();
    }

    @Provide
    Arbitrary<String> tokens() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
                .ofMinLength(1).ofMaxLength(2000).map(s -> EksToken.PREFIX + s);
    }
}
