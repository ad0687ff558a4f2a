package dev.eksauth.kubernetesclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.eksauth.eks.ClusterNotFoundException;
import dev.eksauth.eks.EksClusters;
import dev.eksauth.testkit.FakeEks;
import dev.eksauth.testkit.LoopbackCertificate;
import dev.eksauth.testkit.StsIdentity;
import io.kubernetes.client.openapi.ApiClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;

class EksKubernetesClientClusterNameTest {
    final FakeEks eks = FakeEks.create();
    final StsIdentity alice = eks.register(StsIdentity.user("123456789012", "alice"));
    final EksClusters clusters = EksClusters.builder().eksClient(EksClient.builder().endpointOverride(eks.endpoint())
            .region(Region.US_WEST_2).credentialsProvider(alice.credentialsProvider())
            .httpClientBuilder(UrlConnectionHttpClient.builder()).build()).build();

    @AfterEach
    void stop() {
        eks.close();
    }

    @Test
    void fillsTheEndpointFromDescribeCluster() {
        eks.addCluster("prod").endpoint(URI.create("https://ABC.gr7.us-west-2.eks.amazonaws.com"))
                .certificateAuthority(LoopbackCertificate.generate().certificatePem());

        ApiClient client = EksKubernetesClient.builder().clusterName("prod", clusters)
                .credentialsProvider(alice.credentialsProvider()).build();

        assertThat(client.getBasePath()).isEqualTo("https://ABC.gr7.us-west-2.eks.amazonaws.com");
    }

    @Test
    void anUnknownClusterFailsWhereItIsNamed() {
        assertThatThrownBy(() -> EksKubernetesClient.builder().clusterName("nope", clusters))
                .isInstanceOf(ClusterNotFoundException.class).hasMessageContaining("nope");
    }
}
