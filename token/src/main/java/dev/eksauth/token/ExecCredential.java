package dev.eksauth.token;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
     * What kubectl asked for in {@code KUBERNETES_EXEC_INFO}, read leniently, as
     * {@code aws eks get-token} and {@code aws-iam-authenticator token} read it: a variable that is
     * not JSON, or names a version other than {@code v1} and {@code v1beta1} (such as the retired
     * {@code v1alpha1}), means {@code v1beta1} and a warning.
     *
     * @param apiVersion the version to answer with
     * @param interactive whether kubectl passed on a terminal ({@code spec.interactive}): whether the
     *     plugin may ask its user something; false when the variable is absent or unreadable
     * @param warning what was wrong with the variable, for one line on standard error; empty when nothing was
     */
    public record Request(ApiVersion apiVersion, boolean interactive, Optional<String> warning) {
        /** Checks the parts. */
        public Request {
            Objects.requireNonNull(apiVersion, "apiVersion");
            Objects.requireNonNull(warning, "warning");
        }
    }

    /**
     * The request kubectl passed in {@code KUBERNETES_EXEC_INFO} of the given environment, never
     * failing: see {@link Request}.
     *
     * @param environment the process environment, e.g. {@code System.getenv()}
     */
    public static Request requestFrom(Map<String, String> environment) {
        String info = environment.get(EXEC_INFO_VARIABLE);
        if (info == null || info.isBlank()) {
            return new Request(ApiVersion.V1BETA1, false, Optional.empty());
        }
        Fields fields;
        try {
            fields = fields(info);
        } catch (IOException e) {
            return new Request(ApiVersion.V1BETA1, false, Optional.of(EXEC_INFO_VARIABLE
                    + " is not valid JSON; answering with " + ApiVersion.V1BETA1.id));
        }
        Optional<ApiVersion> known = known(fields.apiVersion());
        if (fields.apiVersion() != null && known.isEmpty()) {
            return new Request(ApiVersion.V1BETA1, fields.interactive(), Optional.of(EXEC_INFO_VARIABLE
                    + " asks for apiVersion '" + UntrustedText.quote(fields.apiVersion()) + "', which eksauth does not"
                    + " write; answering with " + ApiVersion.V1BETA1.id));
        }
        return new Request(known.orElse(ApiVersion.V1BETA1), fields.interactive(), Optional.empty());
    }

    /**
     * The apiVersion asked for in {@code KUBERNETES_EXEC_INFO} of the given environment, strictly;
     * {@link #requestFrom(Map)} reads it as kubectl's other plugins do.
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
            apiVersion = fields(info).apiVersion();
        } catch (IOException e) {
            throw new IllegalArgumentException(EXEC_INFO_VARIABLE + " is not valid JSON");
        }
        if (apiVersion == null) {
            return ApiVersion.V1BETA1;
        }
        return known(apiVersion).orElseThrow(() -> new IllegalArgumentException(EXEC_INFO_VARIABLE
                + " asks for apiVersion '" + UntrustedText.quote(apiVersion) + "'; expected "
                + ApiVersion.V1.id + " or " + ApiVersion.V1BETA1.id));
    }

    private static Optional<ApiVersion> known(String apiVersion) {
        for (ApiVersion v : ApiVersion.values()) {
            if (v.id.equals(apiVersion)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
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

    /** The fields of KUBERNETES_EXEC_INFO eksauth reads; apiVersion null when absent. */
    private record Fields(String apiVersion, boolean interactive) {
    }

    /**
     * The top-level {@code apiVersion} (numbers and booleans as written, "" for an object or array)
     * and {@code spec.interactive} of a JSON document; nothing when it is not an object.
     *
     * @throws IOException when the document is not valid JSON
     */
    private static Fields fields(String document) throws IOException {
        try (JsonParser parser = JSON.createParser(document)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                parser.skipChildren();
                return new Fields(null, false);
            }
            String apiVersion = null;
            boolean interactive = false;
            for (JsonToken t = next(parser); t != JsonToken.END_OBJECT; t = next(parser)) {
                String name = parser.currentName();
                JsonToken value = next(parser);
                if ("apiVersion".equals(name)) {
                    apiVersion = !value.isScalarValue() ? "" : value == JsonToken.VALUE_NULL ? "null" : parser.getText();
                } else if ("spec".equals(name) && value == JsonToken.START_OBJECT) {
                    for (JsonToken s = next(parser); s != JsonToken.END_OBJECT; s = next(parser)) {
                        String field = parser.currentName();
                        JsonToken v = next(parser);
                        if ("interactive".equals(field)) {
                            interactive = v == JsonToken.VALUE_TRUE;
                        }
                        parser.skipChildren();
                    }
                    continue;
                }
                parser.skipChildren();
            }
            return new Fields(apiVersion, interactive);
        }
    }

    private static JsonToken next(JsonParser parser) throws IOException {
        JsonToken t = parser.nextToken();
        if (t == null) {
            throw new IOException("unexpected end of input");
        }
        return t;
    }
}
