package dev.eksauth.kubernetesclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import dev.eksauth.token.EksToken;
import dev.eksauth.token.contract.ClusterEndpoints;

class EksKubernetesClientProperties {
    static final EksToken FIXED = new EksToken(EksToken.PREFIX + "x", Instant.MAX);

    @Property
    void everyHttpsEndpointBecomesTheBasePath(@ForAll("endpoints") URI endpoint, @ForAll boolean trailingSlash) {
        String basePath = EksKubernetesClient.builder().endpoint(URI.create(endpoint + (trailingSlash ? "/" : "")))
                .tokenSupplier(() -> FIXED).build().getBasePath();

        assertThat(basePath).isEqualTo(endpoint.toString());
    }

    @Provide
    Arbitrary<URI> endpoints() {
        return ClusterEndpoints.https();
    }
}
