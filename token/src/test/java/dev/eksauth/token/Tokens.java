package dev.eksauth.token;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test helpers that take tokens apart and put them back together. */
final class Tokens {
    private Tokens() {
    }

    static URI url(String token) {
        return URI.create(new String(Base64.getUrlDecoder().decode(token.substring(EksToken.PREFIX.length())),
                StandardCharsets.UTF_8));
    }

    static String of(String url) {
        return EksToken.PREFIX + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(url.getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, String> query(String token) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : url(token).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
