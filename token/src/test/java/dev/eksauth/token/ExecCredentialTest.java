package dev.eksauth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import com.fasterxml.jackson.databind.ObjectMapper;

class ExecCredentialTest {
    final EksToken token = new EksToken("k8s-aws-v1.abc", Instant.parse("2026-11-23T10:29:30.123Z"));

    @Test
    void writesTheExecCredentialShapeKubectlReads() throws Exception {
        var json = new ObjectMapper().readTree(ExecCredential.toJson(token, ExecCredential.ApiVersion.V1));

        assertThat(json.path("kind").asText()).isEqualTo("ExecCredential");
        assertThat(json.path("apiVersion").asText()).isEqualTo("client.authentication.k8s.io/v1");
        assertThat(json.path("spec").isObject()).isTrue();
        assertThat(json.path("status").path("token").asText()).isEqualTo("k8s-aws-v1.abc");
        assertThat(json.path("status").path("expirationTimestamp").asText()).isEqualTo("2026-11-23T10:29:30Z");
    }

    @Test
    void followsTheApiVersionKubectlAnnounces() {
        assertThat(ExecCredential.apiVersionFrom(Map.of("KUBERNETES_EXEC_INFO",
                "{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1\",\"spec\":{\"interactive\":false}}")))
                .isEqualTo(ExecCredential.ApiVersion.V1);
        assertThat(ExecCredential.apiVersionFrom(Map.of("KUBERNETES_EXEC_INFO",
                "{\"apiVersion\":\"client.authentication.k8s.io/v1beta1\"}")))
                .isEqualTo(ExecCredential.ApiVersion.V1BETA1);
    }

    @Test
    void defaultsToV1beta1WithoutExecInfo() {
        assertThat(ExecCredential.apiVersionFrom(Map.of())).isEqualTo(ExecCredential.ApiVersion.V1BETA1);
    }

    @Test
    void refusesUnknownVersionsAndBadJson() {
        assertThatThrownBy(() -> ExecCredential.apiVersionFrom(Map.of("KUBERNETES_EXEC_INFO",
                "{\"apiVersion\":\"client.authentication.k8s.io/v1alpha1\"}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("v1alpha1");
        assertThatThrownBy(() -> ExecCredential.apiVersionFrom(Map.of("KUBERNETES_EXEC_INFO", "{")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid JSON");
    }

    @Test
    void readsOnlyTheTopLevelApiVersion() {
        assertThat(ExecCredential.apiVersionFrom(Map.of("KUBERNETES_EXEC_INFO",
                "{\"spec\":{\"apiVersion\":\"client.authentication.k8s.io/v1alpha1\",\"cluster\":{\"x\":[1,2]}},"
                        + "\"apiVersion\":\"client.authentication.k8s.io/v1\"}")))
                .isEqualTo(ExecCredential.ApiVersion.V1);
        assertThat(ExecCredential.apiVersionFrom(Map.of("KUBERNETES_EXEC_INFO", "{\"kind\":\"ExecCredential\"}")))
                .isEqualTo(ExecCredential.ApiVersion.V1BETA1);
        assertThat(ExecCredential.apiVersionFrom(Map.of("KUBERNETES_EXEC_INFO", "[1,2]")))
                .isEqualTo(ExecCredential.ApiVersion.V1BETA1);
    }

    @Test
    void refusesTruncatedJsonAndNonTextVersions() {
        assertThatThrownBy(() -> ExecCredential.apiVersionFrom(Map.of("KUBERNETES_EXEC_INFO",
                "{\"apiVersion\":\"client.authentication.k8s.io/v1\"")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> ExecCredential.apiVersionFrom(Map.of("KUBERNETES_EXEC_INFO", "{\"apiVersion\":{}}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("asks for apiVersion");
    }

    @Test
    void escapesWhatJsonNeedsEscaped() throws Exception {
        EksToken odd = new EksToken("k8s-aws-v1.a\"b\\c", Instant.parse("2026-11-23T10:29:30Z"));
        var json = new ObjectMapper().readTree(ExecCredential.toJson(odd, ExecCredential.ApiVersion.V1BETA1));

        assertThat(json.path("status").path("token").asText()).isEqualTo("k8s-aws-v1.a\"b\\c");
    }

    @Property
    void readingTheRequestNeverFailsWhateverTheVariableHolds(@ForAll String info) {
        ExecCredential.Request r = ExecCredential.requestFrom(Map.of("KUBERNETES_EXEC_INFO", info));

        assertThat(r.apiVersion()).isNotNull();
    }

    @Nested
    class ReadingKubectlsRequestLeniently {
        ExecCredential.Request request(String info) {
            return ExecCredential.requestFrom(Map.of("KUBERNETES_EXEC_INFO", info));
        }

        @Test
        void takesTheVersionAndWhetherATerminalIsThere() {
            assertThat(request("{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1\","
                    + "\"spec\":{\"cluster\":{\"server\":\"x\"},\"interactive\":true}}"))
                    .isEqualTo(new ExecCredential.Request(ExecCredential.ApiVersion.V1, true, Optional.empty()));
            assertThat(request("{\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\"spec\":{\"interactive\":false}}"))
                    .isEqualTo(new ExecCredential.Request(ExecCredential.ApiVersion.V1BETA1, false, Optional.empty()));
        }

        @Test
        void withoutTheVariableAnswersV1beta1WithoutATerminalOrWarning() {
            assertThat(ExecCredential.requestFrom(Map.of()))
                    .isEqualTo(new ExecCredential.Request(ExecCredential.ApiVersion.V1BETA1, false, Optional.empty()));
        }

        @Test
        void fallsBackToV1beta1WithAWarningForTheRetiredV1alpha1() {
            ExecCredential.Request r = request("{\"apiVersion\":\"client.authentication.k8s.io/v1alpha1\","
                    + "\"spec\":{\"interactive\":true}}");

            assertThat(r.apiVersion()).isEqualTo(ExecCredential.ApiVersion.V1BETA1);
            assertThat(r.interactive()).isTrue();
            assertThat(r.warning()).hasValueSatisfying(w -> assertThat(w).contains("v1alpha1")
                    .contains("answering with client.authentication.k8s.io/v1beta1"));
        }

        @Test
        void fallsBackToV1beta1WithAWarningForJsonItCannotRead() {
            for (String bad : new String[] {"{", "{\"apiVersion\":\"client.authentication.k8s.io/v1\"", "not json"}) {
                ExecCredential.Request r = request(bad);

                assertThat(r.apiVersion()).isEqualTo(ExecCredential.ApiVersion.V1BETA1);
                assertThat(r.interactive()).isFalse();
                assertThat(r.warning()).hasValue("KUBERNETES_EXEC_INFO is not valid JSON; answering with "
                        + "client.authentication.k8s.io/v1beta1");
            }
        }

        @Test
        void quotesWhatTheVariableSaysInTheWarning() {
            assertThat(request("{\"apiVersion\":\"v9\\nforged line\"}").warning().orElseThrow()).doesNotContain("\n");
        }
    }
}
