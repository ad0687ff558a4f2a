package dev.eksauth.eks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.eksauth.testkit.FakeEks;
import dev.eksauth.testkit.FakeEksExtension;
import dev.eksauth.testkit.MutableClock;
import dev.eksauth.testkit.StsIdentity;

class EksClustersTest {
    @RegisterExtension
    final FakeEksExtension fake = FakeEksExtension.create();

    private FakeEks eks;
    private StsIdentity admin;

    @BeforeEach
    void setUp() {
        eks = fake.get();
        admin = eks.register(StsIdentity.user(Fixtures.ACCOUNT, "admin"));
    }

    @Nested
    class AnActiveCluster {
        @Test
        void isDescribedWithEverythingAClientAndAnAuthenticatorNeed() {
            FakeEks.Cluster prod = eks.addCluster("prod").authenticationMode("API")
                    .endpoint(URI.create("https://ABC.gr7.us-west-2.eks.amazonaws.com"))
                    .certificateAuthority("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
            try (EksClusters clusters = Fixtures.clusters(eks, admin)) {
                EksCluster c = clusters.describe("prod").requireActive();

                assertThat(c.name()).isEqualTo("prod");
                assertThat(c.arn()).isEqualTo("arn:aws:eks:us-west-2:123456789012:cluster/prod");
                assertThat(c.endpoint()).contains(URI.create("https://ABC.gr7.us-west-2.eks.amazonaws.com"));
                assertThat(c.certificateAuthorityPem()).contains("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
                assertThat(c.status()).isEqualTo(ClusterStatus.ACTIVE);
                assertThat(c.authenticationMode()).isEqualTo(AuthenticationMode.API);
                assertThat(c.kubernetesVersion()).isEqualTo("1.33");
                assertThat(c.platformVersion()).isEqualTo("eks.9");
                assertThat(c.oidcIssuer()).get().asString().startsWith("https://oidc.eks.us-west-2.amazonaws.com/id/");
                assertThat(c.id()).contains(prod.id());
                assertThat(c.tokenClusterId()).isEqualTo("prod");
            }
        }

        @Test
        void onOutpostsCarriesItsIdInTokens() {
            FakeEks.Cluster local = eks.addCluster("edge").localOutpost();
            try (EksClusters clusters = Fixtures.clusters(eks, admin)) {
                EksCluster c = clusters.describe("edge");

                assertThat(c.localOutpost()).isTrue();
                assertThat(c.tokenClusterId()).isEqualTo(local.id());
            }
        }

        @Test
        void isDescribedOnceWhileCached() {
            eks.addCluster("prod");
            MutableClock clock = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"));
            try (EksClusters clusters = EksClusters.builder().eksClient(Fixtures.client(eks, admin)).clock(clock)
                    .cacheTtl(Duration.ofMinutes(5)).build()) {
                clusters.describe("prod");
                clusters.describe("prod");
                assertThat(eks.requestCount("DescribeCluster")).isEqualTo(1);

                clock.advance(Duration.ofMinutes(5));
                clusters.describe("prod");
                assertThat(eks.requestCount("DescribeCluster")).isEqualTo(2);
            }
        }
    }

    @Nested
    class AClusterThatIsNotActive {
        @Test
        void isSaidSoWithItsStatus() {
            eks.addCluster("new").status("CREATING");
            try (EksClusters clusters = Fixtures.clusters(eks, admin)) {
                EksCluster c = clusters.describe("new");

                assertThat(c.status()).isEqualTo(ClusterStatus.CREATING);
                assertThatThrownBy(c::requireActive).isInstanceOf(ClusterNotActiveException.class)
                        .hasMessageContaining("EKS cluster new is CREATING, not ACTIVE")
                        .satisfies(e -> assertThat(((ClusterNotActiveException) e).status()).isEqualTo(ClusterStatus.CREATING));
            }
        }
    }

    @Nested
    class Errors {
        @Test
        void anUnknownClusterIsNotFoundInOneLine() {
            try (EksClusters clusters = Fixtures.clusters(eks, admin)) {
                assertThatThrownBy(() -> clusters.describe("nope")).isInstanceOf(ClusterNotFoundException.class)
                        .hasMessage("EKS cluster nope does not exist (check the name, the region and the account of your credentials)");
            }
        }

        @Test
        void aDeniedCallNamesTheMissingPermission() {
            eks.addCluster("prod");
            eks.deny("DescribeCluster");
            try (EksClusters clusters = Fixtures.clusters(eks, admin)) {
                assertThatThrownBy(() -> clusters.describe("prod")).isInstanceOf(EksAccessDeniedException.class)
                        .hasMessageContaining("eks:DescribeCluster")
                        .satisfies(e -> assertThat(((EksAccessDeniedException) e).permission()).isEqualTo("eks:DescribeCluster"))
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            }
        }

        @Test
        void unknownCredentialsAreDenied() {
            eks.addCluster("prod");
            StsIdentity stranger = StsIdentity.user(Fixtures.ACCOUNT, "stranger");
            try (EksClusters clusters = Fixtures.clusters(eks, stranger)) {
                assertThatThrownBy(() -> clusters.describe("prod")).isInstanceOf(EksAccessDeniedException.class)
                        .hasMessageNotContaining(stranger.secretAccessKey());
            }
        }

        @Test
        void throttlingIsUnavailableAndNotCached() {
            eks.addCluster("prod");
            eks.throttleNext(1);
            try (EksClusters clusters = Fixtures.clusters(eks, admin)) {
                assertThatThrownBy(() -> clusters.describe("prod")).isInstanceOf(EksThrottledException.class)
                        .hasMessageContaining("throttled");
                assertThat(clusters.describe("prod").name()).isEqualTo("prod");
            }
        }

        @Test
        void aServerErrorIsUnavailable() {
            eks.addCluster("prod");
            eks.failNext(1, 503);
            try (EksClusters clusters = Fixtures.clusters(eks, admin)) {
                assertThatThrownBy(() -> clusters.describe("prod")).isExactlyInstanceOf(EksUnavailableException.class)
                        .hasMessageContaining("503");
            }
        }

        @Test
        void anUnreachableEndpointIsUnavailable() {
            URI closed = eks.endpoint();
            eks.close();
            try (EksClusters clusters = EksClusters.builder().eksClient(software.amazon.awssdk.services.eks.EksClient.builder()
                    .endpointOverride(closed).region(software.amazon.awssdk.regions.Region.US_WEST_2)
                    .credentialsProvider(admin.credentialsProvider())
                    .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
                    .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1))).build()).build()) {
                assertThatThrownBy(() -> clusters.describe("prod")).isExactlyInstanceOf(EksUnavailableException.class)
                        .hasMessageContaining("could not reach EKS");
            }
        }
    }

    @Nested
    class NoCredentials {
        @Test
        void isSaidBeforeAnythingIsSent() {
            eks.addCluster("prod");
            var none = software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider.builder()
                    .profileFile(software.amazon.awssdk.profiles.ProfileFile.builder()
                            .content(new java.io.ByteArrayInputStream(new byte[0]))
                            .type(software.amazon.awssdk.profiles.ProfileFile.Type.CREDENTIALS).build())
                    .profileName("none").build();
            try (EksClusters clusters = EksClusters.builder().endpointOverride(eks.endpoint()).region("us-west-2")
                    .credentialsProvider(none).build()) {
                assertThatThrownBy(() -> clusters.describe("prod")).isExactlyInstanceOf(InvalidEksRequestException.class)
                        .hasMessageContaining("no usable AWS credentials");
                assertThat(eks.requestCount("DescribeCluster")).isZero();
            }
        }
    }

    @Nested
    class Misuse {
        @Test
        void aClientWithOtherSettingsIsRefusedAtBuild() {
            var builder = EksClusters.builder().eksClient(Fixtures.client(eks, admin)).region("us-east-1");
            assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void aBadRegionIsRefusedWhenSet() {
            assertThatThrownBy(() -> EksClusters.builder().region("Not A Region")).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
