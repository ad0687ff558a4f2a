package dev.eksauth.mapping;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.eksauth.core.KubernetesUser;

/**
 * The TokenReview JSON that kube-apiserver's webhook token authenticator sends and expects, in
 * {@code authentication.k8s.io/v1} and {@code v1beta1}. The answer uses the request's apiVersion;
 * a denial carries {@code authenticated: false} and an error without secrets. Stateless and
 * thread-safe.
 *
 * @param apiVersion the request's apiVersion
 * @param token the bearer token to review; a secret, never shown by {@link #toString()}
 */
public record TokenReview(String apiVersion, String token) {
    /** {@code authentication.k8s.io/v1}. */
    public static final String V1 = "authentication.k8s.io/v1";
    /** {@code authentication.k8s.io/v1beta1}. */
    public static final String V1BETA1 = "authentication.k8s.io/v1beta1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REQUEST = 64 * 1024;

    /** Checks the components. */
    public TokenReview {
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(token, "token");
    }

    /**
     * Reads a TokenReview request.
     *
     * @param body the request body, untrusted
     * @throws InvalidTokenReviewException when the body is too large, not JSON, not a TokenReview of a
     *     known apiVersion, or has no {@code spec.token} string; the message never contains the token
     */
    public static TokenReview parse(String body) {
        Objects.requireNonNull(body, "body");
        if (body.length() > MAX_REQUEST) {
            throw new InvalidTokenReviewException("a TokenReview request must be JSON of at most " + MAX_REQUEST
                    + " characters");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidTokenReviewException("a TokenReview request must be JSON");
        }
        String apiVersion = root.path("apiVersion").asText("");
        if (!V1.equals(apiVersion) && !V1BETA1.equals(apiVersion)) {
            throw new InvalidTokenReviewException("apiVersion must be " + V1 + " or " + V1BETA1);
        }
        if (!"TokenReview".equals(root.path("kind").asText(""))) {
            throw new InvalidTokenReviewException("kind must be TokenReview");
        }
        JsonNode token = root.path("spec").path("token");
        if (!token.isTextual()) {
            throw new InvalidTokenReviewException("spec.token must be a string");
        }
        return new TokenReview(apiVersion, token.asText());
    }

    /**
     * The answer for an authentication result, in this request's apiVersion: the user, or
     * {@code authenticated: false} with the result's message as the error. Send it with the status
     * of {@link AuthenticationResult#httpAnswer()}.
     */
    public String respond(AuthenticationResult result) {
        ObjectNode root = JSON.createObjectNode();
        root.put("apiVersion", apiVersion);
        root.put("kind", "TokenReview");
        ObjectNode status = root.putObject("status");
        if (result instanceof AuthenticationResult.Authenticated ok) {
            status.put("authenticated", true);
            writeUser(status.putObject("user"), ok.user());
        } else {
            status.put("authenticated", false);
            status.put("error", result instanceof AuthenticationResult.Denied denied ? denied.message()
                    : ((AuthenticationResult.Unavailable) result).message());
        }
        return root.toString();
    }

    private static void writeUser(ObjectNode node, KubernetesUser user) {
        node.put("username", user.username());
        node.put("uid", user.uid());
        ArrayNode groups = node.putArray("groups");
        user.groups().forEach(groups::add);
        ObjectNode extra = node.putObject("extra");
        for (Map.Entry<String, List<String>> e : user.extra().entrySet()) {
            ArrayNode values = extra.putArray(e.getKey());
            e.getValue().forEach(values::add);
        }
    }

    /** Shows the apiVersion only; the token is a secret. */
    @Override
    public String toString() {
        return "TokenReview[apiVersion=" + apiVersion + ", token=***]";
    }
}
