package dev.eksauth.token;

import dev.eksauth.core.UntrustedText;

/**
 * The check of a cluster id, token's own setting, shared by the generator and the verifier; the
 * checks of settings other modules take too live in {@link dev.eksauth.core.SettingChecks}.
 */
final class Arguments {
    private Arguments() {
    }

    static String clusterId(String clusterId) {
        if (clusterId == null || clusterId.isBlank()) {
            throw new IllegalArgumentException("clusterId must not be null or blank");
        }
        for (int i = 0; i < clusterId.length(); i++) {
            char c = clusterId.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException("clusterId '" + UntrustedText.quote(clusterId)
                        + "' must be printable ASCII without spaces, as an HTTP header value");
            }
        }
        return clusterId;
    }
}
