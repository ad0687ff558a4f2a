package dev.eksauth.webidentity.internal;

import java.time.Duration;
import java.util.regex.Pattern;

import dev.eksauth.core.InvalidArnException;
import dev.eksauth.core.Principal;
import dev.eksauth.core.PrincipalType;
import dev.eksauth.core.StsHost;
import dev.eksauth.core.UntrustedText;
import dev.eksauth.webidentity.WebIdentityException;
import software.amazon.awssdk.regions.Region;

/**
 * Checks of web-identity settings; each error names the setting it is about. Not public API.
 */
public final class SettingChecks {
    /** What STS accepts as a role session name. */
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    /** The shortest session STS grants. */
    public static final Duration MIN_DURATION = Duration.ofMinutes(15);
    /** The longest session STS grants (a role's maximum may be lower). */
    public static final Duration MAX_DURATION = Duration.ofHours(12);

    private SettingChecks() {
    }

    /**
     * Checks that a role ARN names an IAM role.
     *
     * @param setting the setting's name, for the message
     */
    public static String roleArn(String roleArn, String setting) {
        if (roleArn == null) {
            throw new NullPointerException(setting);
        }
        Principal principal;
        try {
            principal = Principal.parse(roleArn);
        } catch (InvalidArnException e) {
            throw invalid(setting + " '" + UntrustedText.quote(roleArn) + "' is not an IAM role ARN (" + e.getMessage()
                    + "); expected arn:PARTITION:iam::ACCOUNT:role/NAME", e);
        }
        if (principal.type() != PrincipalType.ROLE) {
            throw invalid(setting + " '" + UntrustedText.quote(roleArn) + "' names a "
                    + principal.type().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                    + ", not a role; expected arn:PARTITION:iam::ACCOUNT:role/NAME", null);
        }
        return roleArn;
    }

    /** Checks a role session name against STS's rule: 2 to 64 of letters, digits and {@code +=,.@_-}. */
    public static String sessionName(String name, String setting) {
        if (name == null) {
            throw new NullPointerException(setting);
        }
        if (!SESSION_NAME.matcher(name).matches()) {
            throw invalid(setting + " '" + UntrustedText.quote(name)
                    + "' must be 2 to 64 characters of letters, digits and +=,.@_-", null);
        }
        return name;
    }

    /** Checks a region name, e.g. {@code us-west-2}. */
    public static Region region(String region, String setting) {
        if (region == null) {
            throw new NullPointerException(setting);
        }
        if (!StsHost.isRegionName(region)) {
            throw invalid(setting + " '" + UntrustedText.quote(region)
                    + "' is not a region name; expected lower-case letters, digits and hyphens, e.g. us-west-2", null);
        }
        return Region.of(region);
    }

    /** Checks a session duration: whole seconds from 15 minutes to 12 hours. */
    public static Duration duration(Duration duration) {
        if (duration == null) {
            throw new NullPointerException("duration");
        }
        if (duration.compareTo(MIN_DURATION) < 0 || duration.compareTo(MAX_DURATION) > 0 || duration.getNano() != 0) {
            throw invalid("duration " + duration + " must be whole seconds from 15 minutes to 12 hours", null);
        }
        return duration;
    }

    private static WebIdentityException invalid(String message, Throwable cause) {
        return new WebIdentityException(WebIdentityException.Reason.INVALID_SETTING, message, cause);
    }
}
