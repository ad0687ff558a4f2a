package dev.eksauth.cli.internal;

import java.net.URI;
import java.net.URISyntaxException;

import dev.eksauth.core.SettingChecks;
import dev.eksauth.core.UntrustedText;

/** URL checks for options, by the library's endpoint rule. Not public API. */
final class Urls {
    private Urls() {
    }

    /**
     * Parses an absolute http or https URL with a host and without user info, query or fragment:
     * {@link SettingChecks#endpointOverride}.
     *
     * @throws CliException with {@link ExitCode#USAGE} when it is not one
     */
    static URI parse(String text, String what) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new CliException(ExitCode.USAGE, what + " is not a URL (" + UntrustedText.quote(e.getReason())
                    + "); expected an http or https URL with a host");
        }
        try {
            return SettingChecks.endpointOverride(uri, what);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage());
        }
    }
}
