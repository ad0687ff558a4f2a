package dev.eksauth.token;

import java.util.regex.Pattern;

import dev.eksauth.core.InvalidArnException;
import dev.eksauth.core.Principal;
import dev.eksauth.core.PrincipalType;
import dev.eksauth.core.UntrustedText;

/** Checks of builder arguments shared by the generator and the verifier. */
final class Arguments {
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");

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

    static String roleArn(String roleArn) {
        try {
            if (Principal.parse(roleArn).type() == PrincipalType.ROLE) {
                return roleArn;
            }
        } catch (InvalidArnException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        throw new IllegalArgumentException("roleArn '" + UntrustedText.quote(roleArn)
                + "' must be an IAM role ARN, arn:PARTITION:iam::ACCOUNT:role/NAME");
    }

    static String sessionName(String sessionName) {
        if (sessionName == null || !SESSION_NAME.matcher(sessionName).matches()) {
            throw new IllegalArgumentException("roleSessionName '" + UntrustedText.quote(sessionName)
                    + "' must be 2 to 64 characters of letters, digits and +=,.@_-");
        }
        return sessionName;
    }
}
