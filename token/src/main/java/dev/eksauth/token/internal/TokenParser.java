package dev.eksauth.token.internal;

import static dev.eksauth.token.MalformedTokenException.Reason.BAD_ACTION;
import static dev.eksauth.token.MalformedTokenException.Reason.BAD_CREDENTIAL;
import static dev.eksauth.token.MalformedTokenException.Reason.BAD_DATE;
import static dev.eksauth.token.MalformedTokenException.Reason.BAD_ENCODING;
import static dev.eksauth.token.MalformedTokenException.Reason.BAD_EXPIRES;
import static dev.eksauth.token.MalformedTokenException.Reason.BAD_HOST;
import static dev.eksauth.token.MalformedTokenException.Reason.BAD_PATH;
import static dev.eksauth.token.MalformedTokenException.Reason.BAD_PREFIX;
import static dev.eksauth.token.MalformedTokenException.Reason.BAD_QUERY;
import static dev.eksauth.token.MalformedTokenException.Reason.BAD_SCHEME;
import static dev.eksauth.token.MalformedTokenException.Reason.BAD_URL;
import static dev.eksauth.token.MalformedTokenException.Reason.CLUSTER_ID_NOT_SIGNED;
import static dev.eksauth.token.MalformedTokenException.Reason.EMPTY;
import static dev.eksauth.token.MalformedTokenException.Reason.NOT_YET_VALID;
import static dev.eksauth.token.MalformedTokenException.Reason.TOO_LONG;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import dev.eksauth.core.Partition;
import dev.eksauth.core.StsHost;
import dev.eksauth.token.EksToken;
import dev.eksauth.token.ExpiredTokenException;
import dev.eksauth.token.MalformedTokenException;
import dev.eksauth.token.MalformedTokenException.Reason;

/**
 * The local checks of an EKS token, in the order the verifier documents. Messages name the rule
 * and never echo the token. Thread-safe. Not public API.
 */
public final class TokenParser {
    /** The longest token accepted. */
    public static final int MAX_LENGTH = 4096;
    private static final Duration LIFETIME = Duration.ofMinutes(15);
    private static final Duration FUTURE_ALLOWANCE = Duration.ofMinutes(5);
    private static final int MAX_EXPIRES = 900;
    private static final Set<String> ALLOWED_KEYS = Set.of("action", "version", "x-amz-algorithm",
            "x-amz-credential", "x-amz-date", "x-amz-expires", "x-amz-security-token", "x-amz-signature",
            "x-amz-signedheaders");

    private final Partition partition;
    private final Predicate<String> regionAccepted;
    private final Clock clock;

    /**
     * A parser for tokens of one partition.
     *
     * @param partition the partition whose STS hosts are accepted
     * @param regionAccepted which region names are accepted in hosts
     * @param clock the clock that decides expiry
     */
    public TokenParser(Partition partition, Predicate<String> regionAccepted, Clock clock) {
        this.partition = partition;
        this.regionAccepted = regionAccepted;
        this.clock = clock;
    }

    /**
     * Runs every local check.
     *
     * @throws MalformedTokenException naming the first rule the token breaks
     * @throws ExpiredTokenException when the token was signed more than 15 minutes ago
     */
    public ParsedToken parse(String token) {
        if (token == null || token.isEmpty()) {
            throw fail(EMPTY, "token is empty");
        }
        if (token.length() > MAX_LENGTH) {
            throw fail(TOO_LONG, "token is " + token.length() + " characters; at most " + MAX_LENGTH + " are accepted");
        }
        if (!token.startsWith(EksToken.PREFIX)) {
            throw fail(BAD_PREFIX, "token does not start with '" + EksToken.PREFIX + "'");
        }
        URI url = url(decode(token.substring(EksToken.PREFIX.length())));
        if (!"https".equals(url.getScheme())) {
            throw fail(BAD_SCHEME, "token URL scheme must be https");
        }
        StsHost host = host(url);
        if (!"/".equals(url.getRawPath())) {
            throw fail(BAD_PATH, "token URL path must be '/'");
        }
        Map<String, String> query = query(url.getRawQuery());
        if (!"GetCallerIdentity".equals(query.get("action"))) {
            throw fail(BAD_ACTION, "token URL action must be GetCallerIdentity");
        }
        if (!signsClusterId(query.get("x-amz-signedheaders"))) {
            throw fail(CLUSTER_ID_NOT_SIGNED, "token URL does not sign the x-k8s-aws-id header");
        }
        expires(query.get("x-amz-expires"));
        String accessKeyId = accessKeyId(query.get("x-amz-credential"));
        Instant signedAt = signedAt(query.get("x-amz-date"));
        return new ParsedToken(url, host, accessKeyId, signedAt);
    }

    private static String decode(String encoded) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw fail(BAD_ENCODING, "token is not base64url after its prefix");
        }
        for (byte b : bytes) {
            if (b < 0x20 || b == 0x7f) {
                throw fail(BAD_ENCODING, "token does not decode to printable ASCII text");
            }
        }
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static URI url(String text) {
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw fail(BAD_URL, "token does not decode to a URL");
        }
        if (!url.isAbsolute() || url.isOpaque()) {
            throw fail(BAD_URL, "token does not decode to an absolute URL");
        }
        if (url.getRawFragment() != null) {
            throw fail(BAD_URL, "token URL must not have a fragment");
        }
        return url;
    }

    private StsHost host(URI url) {
        String authority = url.getRawAuthority();
        String host = url.getHost();
        if (authority == null || host == null || !authority.equals(host)) {
            throw fail(BAD_HOST, "token URL must name a bare STS host, without user info or port");
        }
        Optional<StsHost> sts = StsHost.parse(host, partition, regionAccepted);
        return sts.orElseThrow(() -> fail(BAD_HOST, "token URL host is not an STS host of partition "
                + partition.id()));
    }

    private static Map<String, String> query(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw fail(BAD_QUERY, "token URL has no query");
        }
        Map<String, String> params = new HashMap<>();
        int start = 0;
        while (start <= raw.length()) {
            int end = raw.indexOf('&', start);
            if (end < 0) {
                end = raw.length();
            }
            String pair = raw.substring(start, end);
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw fail(BAD_QUERY, "token URL has a query parameter without a key or value");
            }
            String key = unescape(pair.substring(0, eq)).toLowerCase(Locale.ROOT);
            if (!ALLOWED_KEYS.contains(key)) {
                throw fail(BAD_QUERY, "token URL has a query parameter outside the allowed set");
            }
            if (params.put(key, unescape(pair.substring(eq + 1))) != null) {
                throw fail(BAD_QUERY, "token URL repeats query parameter " + key);
            }
            start = end + 1;
        }
        return params;
    }

    private static String unescape(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw fail(BAD_QUERY, "token URL has a badly escaped query parameter");
        }
    }

    private static boolean signsClusterId(String signedHeaders) {
        if (signedHeaders == null) {
            return false;
        }
        for (String header : signedHeaders.split(";", -1)) {
            if (header.equalsIgnoreCase("x-k8s-aws-id")) {
                return true;
            }
        }
        return false;
    }

    private static void expires(String value) {
        int seconds;
        try {
            seconds = value == null || value.length() > 4 ? -1 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds < 0 || seconds > MAX_EXPIRES) {
            throw fail(BAD_EXPIRES, "token URL X-Amz-Expires must be a number from 0 to " + MAX_EXPIRES);
        }
    }

    private static String accessKeyId(String credential) {
        String[] scope = credential == null ? new String[0] : credential.split("/", -1);
        if (scope.length != 5 || scope[0].isEmpty() || !"sts".equals(scope[3]) || !"aws4_request".equals(scope[4])) {
            throw fail(BAD_CREDENTIAL, "token URL X-Amz-Credential must be KEY/DATE/REGION/sts/aws4_request");
        }
        for (int i = 0; i < scope[0].length(); i++) {
            char c = scope[0].charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
                throw fail(BAD_CREDENTIAL, "token URL access key id must be upper-case letters and digits");
            }
        }
        return scope[0];
    }

    private Instant signedAt(String value) {
        if (value == null) {
            throw fail(BAD_DATE, "token URL has no X-Amz-Date");
        }
        Instant signedAt = amzDate(value);
        Instant now = clock.instant();
        if (now.isAfter(signedAt.plus(LIFETIME))) {
            throw new ExpiredTokenException(signedAt, signedAt.plus(LIFETIME));
        }
        if (signedAt.isAfter(now.plus(FUTURE_ALLOWANCE))) {
            throw fail(NOT_YET_VALID, "token is signed at " + signedAt + ", in the future");
        }
        return signedAt;
    }

    /** Reads {@code yyyyMMdd'T'HHmmss'Z'}: fixed width, so checked field by field without a formatter. */
    private static Instant amzDate(String value) {
        if (value.length() != 16 || value.charAt(8) != 'T' || value.charAt(15) != 'Z') {
            throw fail(BAD_DATE, "token URL X-Amz-Date must be yyyyMMdd'T'HHmmss'Z'");
        }
        try {
            return LocalDateTime.of(digits(value, 0, 4), digits(value, 4, 6), digits(value, 6, 8),
                    digits(value, 9, 11), digits(value, 11, 13), digits(value, 13, 15)).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw fail(BAD_DATE, "token URL X-Amz-Date is not a valid date and time");
        }
    }

    private static int digits(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw fail(BAD_DATE, "token URL X-Amz-Date must be yyyyMMdd'T'HHmmss'Z'");
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static MalformedTokenException fail(Reason reason, String message) {
        return new MalformedTokenException(reason, message);
    }
}
