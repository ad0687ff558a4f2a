package dev.eksauth.token.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Checks a cluster's API endpoint. */
public final class Endpoints {
    private Endpoints() {
    }

    /**
     * Checks that the endpoint is an absolute {@code https} URL with a host and neither user info,
     * query nor fragment, and returns it without a trailing slash.
     *
     * @throws IllegalArgumentException when it is not
     */
    public static String https(String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException("endpoint must not be null or blank");
        }
        URI uri;
        try {
            uri = new URI(endpoint.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("endpoint must be a URL such as https://ABCD.gr7.us-west-2.eks.amazonaws.com ("
                    + e.getReason() + ")", e);
        }
        if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).equals("https")) {
            throw new IllegalArgumentException("endpoint must use https, so that bearer tokens are never sent in clear text");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("endpoint must be https://HOST[:PORT][/PATH], without user info, query"
                    + " or fragment");
        }
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
