package dev.eksauth.token.internal;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/** Checks a cluster's API endpoint. Not public API. */
public final class Endpoints {
    private Endpoints() {
    }

    /**
     * Checks that the endpoint is an absolute {@code https} URL with a host and neither user info,
     * query nor fragment, and returns it without a trailing slash. The message never repeats the
     * URL, which may hold a password in its user info.
     *
     * @throws IllegalArgumentException when it is not
     */
    public static URI https(URI endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        if (endpoint.getScheme() == null || !endpoint.getScheme().toLowerCase(Locale.ROOT).equals("https")) {
            throw new IllegalArgumentException("endpoint must use https, so that bearer tokens are never sent in clear text;"
                    + " expected a URL such as https://ABCD.gr7.us-west-2.eks.amazonaws.com");
        }
        if (endpoint.getHost() == null || endpoint.getRawUserInfo() != null || endpoint.getRawQuery() != null
                || endpoint.getRawFragment() != null) {
            throw new IllegalArgumentException("endpoint must be https://HOST[:PORT][/PATH], without user info, query"
                    + " or fragment");
        }
        String text = endpoint.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : endpoint;
    }
}
