package dev.eksauth.testkit.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.eksauth.core.Partition;
import dev.eksauth.core.StsHost;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Recomputes the SigV4 signature of a request with the AWS SDK's signer and compares it with the
 * one the request carries. Handles presigned (query) and Authorization-header requests. Because a
 * loopback server stands in for real STS hosts, a signature is accepted when it matches the received
 * Host header or any real STS host of the credential scope's region. Not public API.
 */
public final class SignatureCheck {
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'");
    private static final Set<String> SIGNER_QUERY_KEYS = Set.of("x-amz-algorithm", "x-amz-credential", "x-amz-date",
            "x-amz-expires", "x-amz-signedheaders", "x-amz-security-token", "x-amz-signature");
    private static final Set<String> SIGNER_HEADERS = Set.of("host", "x-amz-date", "x-amz-security-token",
            "authorization");
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private SignatureCheck() {
    }

    /** What a request says about its signature. */
    public record Scope(String accessKeyId, String region, String service, Instant signedAt, String signature,
            List<String> signedHeaders, Duration expires) {
    }

    /** Thrown when a request's signing fields are missing or malformed. */
    public static final class MalformedSignatureException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedSignatureException(String message) {
            super(message);
        }
    }

    /** Reads the signing fields of a presigned request from its decoded query. */
    public static Scope presigned(Map<String, String> query) throws MalformedSignatureException {
        String credential = require(query, "X-Amz-Credential");
        String[] parts = credential.split("/", -1);
        if (parts.length != 5 || !"aws4_request".equals(parts[4])) {
            throw new MalformedSignatureException("X-Amz-Credential is malformed");
        }
        Duration expires;
        try {
            expires = Duration.ofSeconds(Long.parseLong(require(query, "X-Amz-Expires")));
        } catch (NumberFormatException e) {
            throw new MalformedSignatureException("X-Amz-Expires is not a number");
        }
        return new Scope(parts[0], parts[2], parts[3], date(require(query, "X-Amz-Date")), require(query, "X-Amz-Signature"),
                List.of(require(query, "X-Amz-SignedHeaders").split(";")), expires);
    }

    /** Reads the signing fields of an Authorization-header request. */
    public static Scope header(String authorization, String amzDate) throws MalformedSignatureException {
        if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256 ") || amzDate == null) {
            throw new MalformedSignatureException("missing AWS4-HMAC-SHA256 Authorization or X-Amz-Date header");
        }
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        for (String part : authorization.substring("AWS4-HMAC-SHA256 ".length()).split(",")) {
            String p = part.strip();
            if (p.startsWith("Credential=")) {
                credential = p.substring("Credential=".length());
            } else if (p.startsWith("SignedHeaders=")) {
                signedHeaders = p.substring("SignedHeaders=".length());
            } else if (p.startsWith("Signature=")) {
                signature = p.substring("Signature=".length());
            }
        }
        if (credential == null || signedHeaders == null || signature == null) {
            throw new MalformedSignatureException("Authorization header lacks Credential, SignedHeaders or Signature");
        }
        String[] parts = credential.split("/", -1);
        if (parts.length != 5) {
            throw new MalformedSignatureException("Credential is malformed");
        }
        return new Scope(parts[0], parts[2], parts[3], date(amzDate), signature, List.of(signedHeaders.split(";")), null);
    }

    /**
     * Whether the signature is right for some host this server stands in for.
     *
     * @param method the request method
     * @param receivedHost the Host header that arrived
     * @param path the raw path
     * @param query the decoded query parameters, in order
     * @param headers the received headers, names lower-case
     * @param body the body (empty for GET)
     * @param scope the signing fields
     * @param credentials the registered credentials of the access key
     */
    public static boolean verify(SdkHttpMethod method, String receivedHost, String path, List<Map.Entry<String, String>> query,
            Map<String, String> headers, byte[] body, Scope scope, AwsCredentialsIdentity credentials) {
        for (String host : candidateHosts(receivedHost, scope.region())) {
            String expected = sign(method, host, path, query, headers, body, scope, credentials);
            if (expected != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                    scope.signature().getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }

    private static String sign(SdkHttpMethod method, String host, String path, List<Map.Entry<String, String>> query,
            Map<String, String> headers, byte[] body, Scope scope, AwsCredentialsIdentity credentials) {
        URI uri = URI.create("https://" + host + (path.isEmpty() ? "/" : path));
        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder().method(method).uri(uri);
        for (Map.Entry<String, String> q : query) {
            if (!SIGNER_QUERY_KEYS.contains(q.getKey().toLowerCase(Locale.ROOT))) {
                request.appendRawQueryParameter(q.getKey(), q.getValue());
            }
        }
        for (String name : scope.signedHeaders()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!SIGNER_HEADERS.contains(lower)) {
                String value = headers.get(lower);
                request.putHeader(lower, value == null ? "" : value);
            }
        }
        boolean presigned = scope.expires() != null;
        SignedRequest signed;
        try {
            signed = SIGNER.sign(r -> {
                r.identity(credentials)
                        .request(request.build())
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, scope.service())
                        .putProperty(AwsV4HttpSigner.REGION_NAME, scope.region())
                        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                        .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(scope.signedAt(), ZoneOffset.UTC));
                if (presigned) {
                    r.putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                            .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, scope.expires());
                }
                if (body.length > 0) {
                    r.payload(() -> new java.io.ByteArrayInputStream(body));
                }
            });
        } catch (RuntimeException e) {
            return null;
        }
        if (presigned) {
            return signed.request().firstMatchingRawQueryParameter("X-Amz-Signature").orElse(null);
        }
        String authorization = signed.request().firstMatchingHeader("Authorization").orElse("");
        int at = authorization.indexOf("Signature=");
        return at < 0 ? null : authorization.substring(at + "Signature=".length());
    }

    private static Set<String> candidateHosts(String receivedHost, String region) {
        Set<String> hosts = new LinkedHashSet<>();
        if (receivedHost != null) {
            hosts.add(receivedHost);
        }
        hosts.add(Partition.GLOBAL_STS_HOST);
        List<StsHost> real = new ArrayList<>();
        for (Partition partition : Partition.values()) {
            for (StsHost.Variant variant : StsHost.Variant.values()) {
                try {
                    real.add(StsHost.regional(partition, region, variant));
                } catch (IllegalArgumentException impossible) {
                    // That partition has no such variant, or the region name is not valid.
                }
            }
        }
        real.forEach(h -> hosts.add(h.hostname()));
        return hosts;
    }

    private static String require(Map<String, String> query, String key) throws MalformedSignatureException {
        String value = query.get(key);
        if (value == null || value.isEmpty()) {
            throw new MalformedSignatureException(key + " is missing");
        }
        return value;
    }

    private static Instant date(String value) throws MalformedSignatureException {
        try {
            return LocalDateTime.parse(value, AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (RuntimeException e) {
            throw new MalformedSignatureException("X-Amz-Date is not yyyyMMdd'T'HHmmss'Z'");
        }
    }

    /** Whether the identity carries the session token the request presents (both absent counts). */
    public static boolean sameSessionToken(AwsCredentialsIdentity credentials, String presented) {
        String expected = credentials instanceof AwsSessionCredentialsIdentity s ? s.sessionToken() : null;
        if (expected == null || presented == null) {
            return expected == null && presented == null;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }
}
