package dev.eksauth.testkit.internal;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.sun.net.httpserver.HttpExchange;

/**
 * Reads a request to a fake AWS service the same way in every fake: its body up to a limit, its
 * query or form parameters in order, and its headers as {@link SignedCaller} wants them. Stateless
 * and thread-safe. Not public API.
 */
public final class Requests {
    /** The largest body a fake reads, 64 KiB. */
    public static final int MAX_BODY = 64 * 1024;

    private Requests() {
    }

    /** The request body, or null when it is larger than {@link #MAX_BODY}. */
    public static byte[] body(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
        return bytes.length > MAX_BODY ? null : bytes;
    }

    /**
     * Decodes a raw query or form body into its parameters, in order, repeats kept; empty pairs are
     * skipped and a key without {@code =} has the value "".
     *
     * @throws IllegalArgumentException when a percent escape is malformed
     */
    public static List<Map.Entry<String, String>> parameters(String raw) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.add(Map.entry(key, value));
        }
        return out;
    }

    /** The first value of a parameter. */
    public static Optional<String> first(List<Map.Entry<String, String>> parameters, String key) {
        return parameters.stream().filter(e -> e.getKey().equals(key)).map(Map.Entry::getValue).findFirst();
    }

    /** The request headers by lower-case name, each with its first value. */
    public static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.isEmpty() ? "" : v.get(0)));
        return headers;
    }
}
