package dev.eksauth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import dev.eksauth.token.contract.ClusterEndpoints;

class AbstractEksClusterClientBuilderProperties {
    static final EksToken FIXED = new EksToken(EksToken.PREFIX + "x", Instant.MAX);

    @Property
    void everyHttpsEndpointIsKeptWithoutATrailingSlash(@ForAll("endpoints") URI endpoint, @ForAll boolean trailingSlash) {
        URI given = URI.create(endpoint + (trailingSlash ? "/" : ""));

        assertThat(new ConnectionCapture().endpoint(given).tokenSupplier(() -> FIXED).build().endpoint()).isEqualTo(endpoint);
    }

    @Property
    void everyOtherSchemeIsRefused(@ForAll("schemes") String scheme, @ForAll("endpoints") URI endpoint) {
        URI other = URI.create(scheme + endpoint.toString().substring("https".length()));

        assertThatThrownBy(() -> new ConnectionCapture().endpoint(other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("https");
    }

    @Provide
    Arbitrary<URI> endpoints() {
        return ClusterEndpoints.https();
    }

    @Provide
    Arbitrary<String> schemes() {
        return ClusterEndpoints.otherSchemes();
    }
}
