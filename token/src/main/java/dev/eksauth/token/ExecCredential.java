package dev.eksauth.token;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes the {@code ExecCredential} JSON that kubectl and other Kubernetes clients read from an exec
 * credential plugin: {@code {"kind":"ExecCredential","apiVersion":…,"spec":{},"status":{"expirationTimestamp":…,"token":…}}}.
 *
 * <p>The apiVersion follows the one kubectl announces in the {@code KUBERNETES_EXEC_INFO}
 * environment variable; without it, {@code client.authentication.k8s.io/v1beta1}, which every
 * supported kubectl accepts. Stateless and thread-safe.
 */
public final class ExecCredential {
    /** The environment variable through which kubectl passes its ExecCredential request. */
    public static final String EXEC_INFO_VARIABLE = "KUBERNETES_EXEC_INFO";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter RFC_3339 =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    /** The ExecCredential API versions. */
    public enum ApiVersion {
        /** {@code client.authentication.k8s.io/v1}. */
        V1("client.authentication.k8s.io/v1"),
        /** {@code client.authentication.k8s.io/v1beta1}. */
        V1BETA1("client.authentication.k8s.io/v1beta1");

        private final String id;

        ApiVersion(String id) {
            this.id = id;
        }

        /** The apiVersion string, e.g. {@code client.authentication.k8s.io/v1}. */
        public String id() {
            return id;
        }
    }

    private ExecCredential() {
    }

    /**
     * The apiVersion asked for in {@code KUBERNETES_EXEC_INFO} of the given environment.
     *
     * @param environment the process environment, e.g. {@code System.getenv()}
     * @return the version kubectl asked for, or {@link ApiVersion#V1BETA1} when it asked none
     * @throws IllegalArgumentException when the variable is not JSON or names an unknown version
     */
    public static ApiVersion apiVersionFrom(Map<String, String> environment) {
        String info = environment.get(EXEC_INFO_VARIABLE);
        if (info == null || info.isBlank()) {
            return ApiVersion.V1BETA1;
        }
        JsonNode apiVersion;
        try {
            apiVersion = JSON.readTree(info).path("apiVersion");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(EXEC_INFO_VARIABLE + " is not valid JSON");
        }
        if (apiVersion.isMissingNode()) {
            return ApiVersion.V1BETA1;
        }
        for (ApiVersion v : ApiVersion.values()) {
            if (v.id.equals(apiVersion.asText())) {
                return v;
            }
        }
        throw new IllegalArgumentException(EXEC_INFO_VARIABLE + " asks for apiVersion '"
                + dev.eksauth.core.internal.Texts.quote(apiVersion.asText()) + "'; expected "
                + ApiVersion.V1.id + " or " + ApiVersion.V1BETA1.id);
    }

    /**
     * Writes the ExecCredential JSON for a token.
     *
     * @param token the token; its value is written, so the result is a secret
     * @param version the apiVersion to write
     * @return one line of JSON
     */
    public static String toJson(EksToken token, ApiVersion version) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(version, "version");
        ObjectNode root = JSON.createObjectNode();
        root.put("kind", "ExecCredential");
        root.put("apiVersion", version.id);
        root.putObject("spec");
        ObjectNode status = root.putObject("status");
        status.put("expirationTimestamp", RFC_3339.format(token.expiration().truncatedTo(ChronoUnit.SECONDS)));
        status.put("token", token.value());
        return root.toString();
    }
}
