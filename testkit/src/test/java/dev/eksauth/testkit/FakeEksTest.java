package dev.eksauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeEksTest {
    final FakeEks eks = FakeEks.create();
    final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        eks.close();
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(eks.endpoint() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void refusesAnUnsignedRequestAsEksDoes() throws Exception {
        eks.addCluster("prod");

        HttpResponse<String> r = get("/clusters/prod");

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("x-amzn-ErrorType")).contains("MissingAuthenticationTokenException");
        assertThat(eks.requestCount("DescribeCluster")).isEqualTo(1);
    }

    @Test
    void answersAnUnknownOperationWithNotFound() throws Exception {
        HttpResponse<String> r = get("/nodegroups");

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("x-amzn-ErrorType")).contains("NotFoundException");
    }

    @Test
    void keepsWhatTheTestConfigured() {
        FakeEks.Cluster prod = eks.addCluster("prod")
                .accessEntry("arn:aws:iam::123456789012:role/dev", "STANDARD", null, List.of("dev"))
                .accessPolicy("arn:aws:iam::123456789012:role/dev", "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy");

        assertThat(eks.cluster("prod").accessEntryPrincipals()).containsExactly("arn:aws:iam::123456789012:role/dev");
        assertThat(prod.accessEntriesJson().get(0))
                .contains("\"username\":\"arn:aws:sts::123456789012:assumed-role/dev/{{SessionName}}\"");
        assertThat(prod.accessPolicies("arn:aws:iam::123456789012:role/dev")).hasSize(1);
        assertThat(prod.arn()).isEqualTo("arn:aws:eks:us-west-2:123456789012:cluster/prod");
        assertThatThrownBy(() -> eks.cluster("nope")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> eks.failNext(1, 404)).isInstanceOf(IllegalArgumentException.class);
    }
}
