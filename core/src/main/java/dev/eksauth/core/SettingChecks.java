package dev.eksauth.core;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The checks of settings that several eksauth builders take, in one place so that every builder
 * accepts and refuses the same values with the same words: role ARNs, role session names, region
 * names, endpoint overrides, durations and cache sizes.
 *
 * <p>Each check returns its argument when it is well formed and otherwise throws
 * {@link IllegalArgumentException} (a {@link NullPointerException} for null) whose message names the
 * setting, quotes the value and says what was expected. Builders call them in their setters, so a
 * bad value fails where it is written. Stateless and thread-safe.
 */
public final class SettingChecks {
    /** What STS accepts as a role session name: 2 to 64 of letters, digits and {@code +=,.@_-}. */
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");

    private SettingChecks() {
    }

    /**
     * Checks that a text is an IAM role ARN, {@code arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME}.
     *
     * @param roleArn the value
     * @param setting the setting's name, for the message
     */
    public static String roleArn(String roleArn, String setting) {
        Objects.requireNonNull(roleArn, setting);
        Principal principal;
        try {
            principal = Principal.parse(roleArn);
        } catch (InvalidArnException e) {
            throw new IllegalArgumentException(setting + " '" + UntrustedText.quote(roleArn)
                    + "' is not an IAM role ARN (" + e.getMessage() + "); expected arn:PARTITION:iam::ACCOUNT:role/NAME",
                    e);
        }
        if (principal.type() != PrincipalType.ROLE) {
            throw new IllegalArgumentException(setting + " '" + UntrustedText.quote(roleArn) + "' names a "
                    + principal.type().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + ", not a role; expected arn:PARTITION:iam::ACCOUNT:role/NAME");
        }
        return roleArn;
    }

    /** Checks a role session name against STS's rule: 2 to 64 of letters, digits and {@code +=,.@_-}. */
    public static String roleSessionName(String name, String setting) {
        Objects.requireNonNull(name, setting);
        if (!isRoleSessionName(name)) {
            throw new IllegalArgumentException(setting + " '" + UntrustedText.quote(name)
                    + "' must be 2 to 64 characters of letters, digits and +=,.@_-");
        }
        return name;
    }

    /**
     * Whether a text is a session name STS could have issued: 2 to 64 of ASCII letters, digits and
     * {@code +=,.@_-}. Session names reported by an STS reached through an endpoint override are
     * untrusted; templates use this to refuse what AWS STS would never report.
     */
    public static boolean isRoleSessionName(String name) {
        return name != null && SESSION_NAME.matcher(name).matches();
    }

    /** Checks a region name, e.g. {@code us-west-2}: lower-case letters, digits and inner hyphens. */
    public static String regionName(String region, String setting) {
        Objects.requireNonNull(region, setting);
        if (!StsHost.isRegionName(region)) {
            throw new IllegalArgumentException(setting + " '" + UntrustedText.quote(region)
                    + "' is not a region name; expected lower-case letters, digits and inner hyphens, e.g. us-west-2");
        }
        return region;
    }

    /**
     * Checks an endpoint that replaces an AWS service's own (a VPC endpoint, LocalStack, a test
     * fake): an absolute {@code http} or {@code https} URL with a host, without user info, query or
     * fragment. The message shows only the scheme, host, port and path of a refused URL: user info
     * and query may hold credentials.
     */
    public static URI endpointOverride(URI endpoint, String setting) {
        Objects.requireNonNull(endpoint, setting);
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        String wrong = !endpoint.isAbsolute() || !(scheme.equals("https") || scheme.equals("http")) ? "is not http or https"
                : endpoint.getHost() == null ? "has no host"
                : endpoint.getRawUserInfo() != null ? "has user info"
                : endpoint.getRawQuery() != null ? "has a query"
                : endpoint.getRawFragment() != null ? "has a fragment"
                : null;
        if (wrong != null) {
            throw new IllegalArgumentException(setting + " '" + UntrustedText.quote(shown(endpoint)) + "' " + wrong
                    + "; expected an http or https URL with a host and without user info, query or fragment");
        }
        return endpoint;
    }

    /** A URL without the parts that may hold credentials. */
    private static String shown(URI endpoint) {
        if (endpoint.getHost() == null) {
            return endpoint.getScheme() == null ? "(relative URL)" : endpoint.getScheme() + ":...";
        }
        return endpoint.getScheme() + "://" + endpoint.getHost() + (endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort())
                + (endpoint.getRawPath() == null ? "" : endpoint.getRawPath());
    }

    /** Checks that a duration is longer than zero. */
    public static Duration positive(Duration duration, String setting) {
        Objects.requireNonNull(duration, setting);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(setting + " must be positive, was " + duration);
        }
        return duration;
    }

    /** Checks that a duration lies from {@code min} to {@code max}, both included. */
    public static Duration within(Duration duration, Duration min, Duration max, String setting) {
        Objects.requireNonNull(duration, setting);
        if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
            throw new IllegalArgumentException(setting + " must be from " + min + " to " + max + ", was " + duration);
        }
        return duration;
    }

    /** Checks a cache size: zero turns the cache off, a negative size is refused. */
    public static int cacheSize(int size, String setting) {
        if (size < 0) {
            throw new IllegalArgumentException(setting + " must not be negative (0 turns the cache off), was " + size);
        }
        return size;
    }
}
