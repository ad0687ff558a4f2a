package dev.eksauth.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.eksauth.core.KubernetesUser;

class TokenReviewTest {
    final ObjectMapper json = new ObjectMapper();

    @Test
    void readsTheRequestKubeApiserverSends() {
        TokenReview review = TokenReview.parse("{\"apiVersion\":\"authentication.k8s.io/v1beta1\",\"kind\":\"TokenReview\","
                + "\"spec\":{\"token\":\"k8s-aws-v1.secret\"}}");

        assertThat(review.apiVersion()).isEqualTo(TokenReview.V1BETA1);
        assertThat(review.token()).isEqualTo("k8s-aws-v1.secret");
        assertThat(review.toString()).doesNotContain("secret");
    }

    @Test
    void answersAnAuthenticatedUserInTheRequestsVersion() throws Exception {
        KubernetesUser user = new KubernetesUser("admin:alice", "aws-iam-authenticator:1:AROA", List.of("system:masters"),
                Map.of("arn", List.of("arn:aws:sts::1:assumed-role/Admin/alice")));
        AuthenticationResult ok = new AuthenticationResult.Authenticated(user,
                Fixtures.assumedRole("111122223333", "Admin", "alice"), "mapRoles[0]");

        JsonNode answer = json.readTree(new TokenReview(TokenReview.V1, "t").respond(ok));

        assertThat(answer.path("apiVersion").asText()).isEqualTo("authentication.k8s.io/v1");
        assertThat(answer.path("kind").asText()).isEqualTo("TokenReview");
        assertThat(answer.path("status").path("authenticated").asBoolean()).isTrue();
        assertThat(answer.path("status").path("user").path("username").asText()).isEqualTo("admin:alice");
        assertThat(answer.path("status").path("user").path("uid").asText()).isEqualTo("aws-iam-authenticator:1:AROA");
        assertThat(answer.path("status").path("user").path("groups").get(0).asText()).isEqualTo("system:masters");
        assertThat(answer.path("status").path("user").path("extra").path("arn").get(0).asText())
                .isEqualTo("arn:aws:sts::1:assumed-role/Admin/alice");
    }

    @Test
    void answersADenialWithAnErrorAndNoToken() throws Exception {
        AuthenticationResult denied = new AuthenticationResult.Denied(DenialReason.NOT_MAPPED, "no mapping", Optional.empty());

        String body = new TokenReview(TokenReview.V1, "k8s-aws-v1.secret-token").respond(denied);
        JsonNode answer = json.readTree(body);

        assertThat(answer.path("status").path("authenticated").asBoolean()).isFalse();
        assertThat(answer.path("status").path("error").asText()).isEqualTo("no mapping");
        assertThat(body).doesNotContain("secret-token");
    }

    @Test
    void answersAnOutageWithAnErrorAndNoUser() throws Exception {
        AuthenticationResult unavailable = AuthenticationResult.Unavailable.of(UnavailableReason.STS_THROTTLED,
                "STS throttled", Optional.empty());

        JsonNode answer = json.readTree(new TokenReview(TokenReview.V1, "t").respond(unavailable));

        assertThat(answer.path("status").path("authenticated").asBoolean()).isFalse();
        assertThat(answer.path("status").path("error").asText()).isEqualTo("STS throttled");
        assertThat(answer.path("status").has("user")).isFalse();
    }

    @Test
    void refusesWhatIsNotATokenReviewWithoutEchoingTheToken() {
        assertThatThrownBy(() -> TokenReview.parse("{\"apiVersion\":\"v1\",\"kind\":\"TokenReview\",\"spec\":{\"token\":\"sekrit\"}}"))
                .isInstanceOf(InvalidTokenReviewException.class).hasMessageNotContaining("sekrit");
        assertThatThrownBy(() -> TokenReview.parse("{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenReview\"}"))
                .isInstanceOf(InvalidTokenReviewException.class).hasMessageContaining("spec.token");
        assertThatThrownBy(() -> TokenReview.parse("{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"Pod\","
                + "\"spec\":{\"token\":\"sekrit\"}}")).isInstanceOf(InvalidTokenReviewException.class)
                .hasMessageContaining("kind");
        assertThatThrownBy(() -> TokenReview.parse("not json")).isInstanceOf(InvalidTokenReviewException.class);
        assertThatThrownBy(() -> TokenReview.parse("{\"x\":\"" + "a".repeat(70_000) + "\"}"))
                .isInstanceOf(InvalidTokenReviewException.class);
    }
}
