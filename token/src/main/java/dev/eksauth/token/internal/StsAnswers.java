package dev.eksauth.token.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.eksauth.core.CallerIdentity;
import dev.eksauth.core.CoreException;
import dev.eksauth.token.StsRejectedException;
import dev.eksauth.token.StsTransport;
import dev.eksauth.token.StsUnavailableException;

/**
 * Reads STS's answers to GetCallerIdentity. Every answer is hostile until checked. Thread-safe.
 * Not public API.
 */
public final class StsAnswers {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern XML_CODE = Pattern.compile("<Code>([A-Za-z0-9.]{1,64})</Code>");

    /** What an answer means for the verifier. */
    public enum Kind {
        /** 200: read the identity. */
        SUCCESS,
        /** STS throttled the request: retry later. */
        THROTTLED,
        /** A server error: retry later. */
        SERVER_ERROR,
        /** STS refused the token: final. */
        REJECTED
    }

    private StsAnswers() {
    }

    /** Classifies an answer by status and body. */
    public static Kind kind(StsTransport.Response response) {
        int status = response.statusCode();
        if (status == 200) {
            return Kind.SUCCESS;
        }
        if (response.body().contains("Throttling")) {
            return Kind.THROTTLED;
        }
        return status >= 500 ? Kind.SERVER_ERROR : Kind.REJECTED;
    }

    /**
     * Reads the identity from a 200 answer.
     *
     * @throws StsUnavailableException when the body is not the expected JSON or names no valid principal
     */
    public static CallerIdentity identity(StsTransport.Response response, ParsedToken token) {
        JsonNode result;
        try {
            result = JSON.readTree(response.body()).path("GetCallerIdentityResponse").path("GetCallerIdentityResult");
        } catch (JsonProcessingException e) {
            throw new StsUnavailableException("STS answered 200 with a body that is not JSON", null);
        }
        JsonNode account = result.path("Account");
        JsonNode arn = result.path("Arn");
        JsonNode userId = result.path("UserId");
        if (!account.isTextual() || !arn.isTextual() || !userId.isTextual()) {
            throw new StsUnavailableException(
                    "STS answered 200 without GetCallerIdentityResult Account, Arn and UserId strings", null);
        }
        try {
            return CallerIdentity.of(arn.asText(), account.asText(), userId.asText(), token.accessKeyId(),
                    token.host().hostname());
        } catch (CoreException e) {
            throw new StsUnavailableException("STS answered with an unusable identity: " + e.getMessage(), e);
        }
    }

    /** The error for a rejection, with STS's error code when the body has one. */
    public static StsRejectedException rejection(StsTransport.Response response) {
        String code = errorCode(response.body());
        return new StsRejectedException(response.statusCode(), code, "STS rejected the token with HTTP "
                + response.statusCode() + (code == null ? "" : " " + code));
    }

    /** STS's error code from a JSON or XML error body, or null. */
    public static String errorCode(String body) {
        try {
            JsonNode code = JSON.readTree(body).path("Error").path("Code");
            if (code.isTextual() && code.asText().matches("[A-Za-z0-9.]{1,64}")) {
                return code.asText();
            }
        } catch (JsonProcessingException notJson) {
            Matcher m = XML_CODE.matcher(body);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }
}
