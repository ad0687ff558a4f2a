package dev.eksauth.eks;

import dev.eksauth.testkit.FakeEks;
import dev.eksauth.testkit.StsIdentity;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;

/** The real SDK client against a {@link FakeEks}, without retries so that one fault is one failure. */
final class Fixtures {
    static final String ACCOUNT = "123456789012";

    private Fixtures() {
    }

    static EksClient client(FakeEks eks, StsIdentity caller) {
        return EksClient.builder().endpointOverride(eks.endpoint()).region(Region.US_WEST_2)
                .credentialsProvider(caller.credentialsProvider()).httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1))).build();
    }

    static EksClusters clusters(FakeEks eks, StsIdentity caller) {
        return EksClusters.builder().eksClient(client(eks, caller)).build();
    }
}
