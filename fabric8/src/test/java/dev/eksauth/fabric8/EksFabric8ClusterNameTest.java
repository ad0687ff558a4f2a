package dev.eksauth.fabric8;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.eksauth.eks.ClusterNotActiveException;
import dev.eksauth.eks.ClusterNotFoundException;
import dev.eksauth.eks.EksClusters;
import dev.eksauth.testkit.FakeEks;
import dev.eksauth.testkit.FakeSts;
import dev.eksauth.testkit.LoopbackCertificate;
import dev.eksauth.testkit.StsIdentity;
import dev.eksauth.token.EksTokenVerifier;
import dev.eksauth.token.TokenVerificationException;
import io.fabric8.kubernetes.client.Config;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;

class EksFabric8ClusterNameTest {
    static final URI SERVER = URI.create("https://ABC.gr7.eu-west-1.eks.amazonaws.com");

    final FakeEks eks = FakeEks.create(java.time.Clock.systemUTC(), "eu-west-1", "123456789012");
    final FakeSts sts = FakeSts.create();
    final StsIdentity alice = sts.register(eks.register(StsIdentity.user("123456789012", "alice")));
    final String ca = LoopbackCertificate.generate().certificatePem();
    final EksClusters clusters = EksClusters.builder().eksClient(EksClient.builder().endpointOverride(eks.endpoint())
            .region(Region.EU_WEST_1).credentialsProvider(alice.credentialsProvider())
            .httpClientBuilder(UrlConnectionHttpClient.builder()).build()).build();

    @AfterEach
    void stop() {
        eks.close();
        sts.close();
    }

    boolean tokenAcceptedFor(Config config, String clusterId) {
        String token = config.getOauthTokenProvider().getToken();
        try {
            EksTokenVerifier.builder().clusterId(clusterId).stsEndpointOverride(sts.endpoint()).build().verify(token);
            return true;
        } catch (TokenVerificationException otherCluster) {
            return false;
        }
    }

    @Test
    void fillsEndpointCertificateAuthorityAndClusterIdFromDescribeCluster() {
        eks.addCluster("prod").endpoint(SERVER).certificateAuthority(ca);

        Config config = EksFabric8.builder().clusterName("prod", clusters).credentialsProvider(alice.credentialsProvider()).build();

        assertThat(config.getMasterUrl()).startsWith(SERVER.toString());
        assertThat(new String(Base64.getDecoder().decode(config.getCaCertData()), StandardCharsets.US_ASCII)).isEqualTo(ca);
        assertThat(tokenAcceptedFor(config, "prod")).isTrue();
    }

    @Test
    void aLocalOutpostsClusterGetsTokensForItsId() {
        FakeEks.Cluster edge = eks.addCluster("edge").localOutpost().endpoint(URI.create("https://EDGE.example")).certificateAuthority(ca);

        Config config = EksFabric8.builder().clusterName("edge", clusters).credentialsProvider(alice.credentialsProvider()).build();

        assertThat(tokenAcceptedFor(config, edge.id())).isTrue();
        assertThat(tokenAcceptedFor(config, "edge")).isFalse();
    }

    @Test
    void anUnknownOrInactiveClusterFailsWhereItIsNamed() {
        eks.addCluster("new").status("CREATING");

        assertThatThrownBy(() -> EksFabric8.builder().clusterName("nope", clusters)).isInstanceOf(ClusterNotFoundException.class);
        assertThatThrownBy(() -> EksFabric8.builder().clusterName("new", clusters)).isInstanceOf(ClusterNotActiveException.class);
    }
}
