package dev.eksauth.token;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import dev.eksauth.core.UntrustedText;

/**
 * Writes the {@code ExecCredential} JSON that kubectl and other Kubernetes clients read from an exec
 * credential plugin: {@code {"kind":"ExecCredential","apiVersion":…,"spec":{},"status":{"expirationTimestamp":…,"token":…}}}.
 *
 * <p>The apiVersion follows the one kubectl announces in the {@code KUBERNETES_EXEC_INFO}
 * environment variable; without it, {@code client.authentication.k8s.io/v1beta1}, which every
 * supported kubectl accepts. Stateless and thread-safe.
 *
 * <p>Reads and writes with Jackson's streaming API rather than its object mapper: an exec plugin
 * is a new process for every token, and the streaming API starts several times faster.
 */
public final class ExecCredential {
    /** The environment variable through which kubectl passes its ExecCredential request. */
    public static final String EXEC_INFO_VARIABLE = "KUBERNETES_EXEC_INFO";
    private static final JsonFactory JSON = new JsonFactory();
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
        String apiVersion;
        try {
            apiVersion = topLevelText(info, "apiVersion");
        } catch (IOException e) {
            throw new IllegalArgumentException(EXEC_INFO_VARIABLE + " is not valid JSON");
        }
        if (apiVersion == null) {
            return ApiVersion.V1BETA1;
        }
        for (ApiVersion v : ApiVersion.values()) {
            if (v.id.equals(apiVersion)) {
                return v;
            }
        }
        throw new IllegalArgumentException(EXEC_INFO_VARIABLE + " asks for apiVersion '"
                + UntrustedText.quote(apiVersion) + "'; expected "
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
        StringWriter out = new StringWriter(1024);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("kind", "ExecCredential");
            json.writeStringField("apiVersion", version.id);
            json.writeObjectFieldStart("spec");
            json.writeEndObject();
            json.writeObjectFieldStart("status");
            json.writeStringField("expirationTimestamp",
                    RFC_3339.format(token.expiration().truncatedTo(ChronoUnit.SECONDS)));
            json.writeStringField("token", token.value());
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write an ExecCredential", e);
        }
        return out.toString();
    }

    /**
     * The text of a top-level field of a JSON document (numbers and booleans as written), or null
     * when the document is not an object or has no such field.
     *
     * @throws IOException when the document is not valid JSON
     */
    private static String topLevelText(String document, String field) throws IOException {
        try (JsonParser parser = JSON.createParser(document)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                parser.skipChildren();
                return null;
            }
            String found = null;
            for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                if (t == null) {
                    throw new IOException("unexpected end of input");
                }
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == null) {
                    throw new IOException("unexpected end of input");
                }
                if (field.equals(name) && value.isScalarValue()) {
                    found = value == JsonToken.VALUE_NULL ? "null" : parser.getText();
                } else if (field.equals(name)) {
                    found = "";
                }
                parser.skipChildren();
            }
            return found;
        }
    }
}
