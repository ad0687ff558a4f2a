package dev.eksauth.cli.internal;

import java.net.URI;
import java.net.URISyntaxException;

/** URL checks for options. Not public API. */
final class Urls {
    private Urls() {
    }

    /**
     * Parses an absolute http or https URL.
     *
     * @throws CliException with {@link ExitCode#USAGE} when it is not one
     */
    static URI parse(String text, String what) {
        try {
            URI uri = new URI(text);
            if (uri.isAbsolute() && uri.getHost() != null
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new CliException(ExitCode.USAGE, what + " must be an http or https URL with a host, was '" + text + "'");
    }
}
