package dev.eksauth.testkit.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.eksauth.testkit.StsIdentity;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * Who signed a request to a fake AWS service, or why the request is refused, as AWS decides it:
 * the signing fields are read, the access key must be known and carry its session token, the
 * signature must be at most 15 minutes old (and not as far in the future), and it must match the
 * one {@link SignatureCheck} recomputes. Not public API.
 *
 * @param identity the signer, when the request is accepted
 * @param status the HTTP status of a refusal
 * @param code the AWS error code of a refusal, e.g. {@code SignatureDoesNotMatch}
 * @param message the message of a refusal
 */
public record SignedCaller(StsIdentity identity, int status, String code, String message) {
    private static final Duration SIGNATURE_LIFETIME = Duration.ofMinutes(15);

    /** Whether the request is refused. */
    public boolean refused() {
        return identity == null;
    }

    private static SignedCaller refuse(String code, String message) {
        return new SignedCaller(null, 403, code, message);
    }

    /**
     * Checks a request's signature.
     *
     * @param clock decides the signature's age
     * @param identities the known credentials by access key id
     * @param method the HTTP method
     * @param path the raw path
     * @param query the decoded query parameters, in order
     * @param headers the headers, names lower-case
     * @param body the body
     */
    public static SignedCaller check(Clock clock, Function<String, StsIdentity> identities, String method, String path,
            List<Map.Entry<String, String>> query, Map<String, String> headers, byte[] body) {
        Map<String, String> q = new LinkedHashMap<>();
        query.forEach(e -> q.putIfAbsent(e.getKey(), e.getValue()));
        SignatureCheck.Scope scope;
        try {
            scope = q.containsKey("X-Amz-Signature") ? SignatureCheck.presigned(q)
                    : SignatureCheck.header(headers.get("authorization"), headers.get("x-amz-date"));
        } catch (SignatureCheck.MalformedSignatureException e) {
            return refuse("MissingAuthenticationToken", e.getMessage());
        }
        StsIdentity identity = identities.apply(scope.accessKeyId());
        String token = q.containsKey("X-Amz-Security-Token") ? q.get("X-Amz-Security-Token") : headers.get("x-amz-security-token");
        if (identity == null || !SignatureCheck.sameSessionToken(identity.credentials(), token)) {
            return refuse("InvalidClientTokenId", "The security token included in the request is invalid.");
        }
        Instant now = clock.instant();
        if (now.isAfter(scope.signedAt().plus(SIGNATURE_LIFETIME))) {
            return refuse("SignatureDoesNotMatch", "Signature expired: " + scope.signedAt()
                    + " is now earlier than " + now.minus(SIGNATURE_LIFETIME) + " (" + now + " - 15 min.)");
        }
        if (scope.signedAt().isAfter(now.plus(SIGNATURE_LIFETIME))) {
            return refuse("SignatureDoesNotMatch", "Signature not yet current: " + scope.signedAt()
                    + " is still later than " + now.plus(SIGNATURE_LIFETIME));
        }
        if (!SignatureCheck.verify(SdkHttpMethod.fromValue(method), headers.get("host"), path, query, headers, body,
                scope, identity.credentials())) {
            return refuse("SignatureDoesNotMatch", "The request signature we calculated does not "
                    + "match the signature you provided. Check your AWS Secret Access Key and signing method.");
        }
        return new SignedCaller(identity, 200, null, null);
    }
}
