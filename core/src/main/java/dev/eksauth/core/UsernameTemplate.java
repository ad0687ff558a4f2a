package dev.eksauth.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;


/**
 * A username or group template from an identity mapping, compiled once and rendered per login.
 *
 * <p>Placeholders are {@code {{AccountID}}}, {@code {{SessionName}}} (with {@code @} replaced by
 * {@code -}), {@code {{SessionNameRaw}}}, {@code {{AccessKeyID}}} and {@code {{EC2PrivateDNSName}}}
 * (the private DNS name of the EC2 instance whose id is the session name). Everything else is literal
 * text. A session name is rendered only when it is one STS could have issued
 * ({@link SettingChecks#isRoleSessionName}): an STS reached through an endpoint override cannot
 * smuggle {@code system:masters} or a newline into a username or group. An unknown, empty or unterminated placeholder fails {@link #compile}, so a bad mapping is
 * reported when it is loaded. A rendered value never contains a brace, so rendering never yields
 * "&#123;&#123;". Immutable and thread-safe.
 */
public final class UsernameTemplate {
    private static final Pattern INSTANCE_ID = Pattern.compile("i-[0-9a-f]+");

    /** A placeholder a template may contain. */
    public enum Placeholder {
        /** The account id. */
        ACCOUNT_ID("AccountID"),
        /** The session name with {@code @} replaced by {@code -}. */
        SESSION_NAME("SessionName"),
        /** The session name as it is. */
        SESSION_NAME_RAW("SessionNameRaw"),
        /** The access key id that signed the token. */
        ACCESS_KEY_ID("AccessKeyID"),
        /** The private DNS name of the EC2 instance named by the session name. */
        EC2_PRIVATE_DNS_NAME("EC2PrivateDNSName");

        private final String text;

        Placeholder(String text) {
            this.text = text;
        }

        /** The placeholder as written in a template, without braces, e.g. {@code AccountID}. */
        public String text() {
            return text;
        }

        static Placeholder fromText(String text) {
            for (Placeholder p : values()) {
                if (p.text.equals(text)) {
                    return p;
                }
            }
            return null;
        }
    }

    private final String text;
    private final Object[] parts;
    private final boolean needsPrivateDnsName;

    private UsernameTemplate(String text, Object[] parts) {
        this.text = text;
        this.parts = parts;
        boolean dns = false;
        for (Object part : parts) {
            dns |= part == Placeholder.EC2_PRIVATE_DNS_NAME;
        }
        this.needsPrivateDnsName = dns;
    }

    /**
     * Compiles a template.
     *
     * @param text the template, e.g. {@code system:node:{{EC2PrivateDNSName}}}
     * @return the compiled template
     * @throws InvalidTemplateException when the text is null or holds an unknown, empty or unterminated
     *     placeholder
     */
    public static UsernameTemplate compile(String text) {
        if (text == null) {
            throw new InvalidTemplateException("template must not be null");
        }
        List<Object> parts = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int open = text.indexOf("{{", at);
            if (open < 0) {
                parts.add(text.substring(at));
                break;
            }
            if (open > at) {
                parts.add(text.substring(at, open));
            }
            int close = text.indexOf("}}", open + 2);
            if (close < 0) {
                throw new InvalidTemplateException("template '" + UntrustedText.quote(text)
                        + "' has an unterminated placeholder at index " + open + "; expected '}}'");
            }
            String name = text.substring(open + 2, close);
            Placeholder placeholder = Placeholder.fromText(name);
            if (placeholder == null) {
                throw new InvalidTemplateException("template '" + UntrustedText.quote(text) + "' has unknown placeholder '{{"
                        + UntrustedText.quote(name) + "}}'; expected one of " + known());
            }
            parts.add(placeholder);
            at = close + 2;
        }
        return new UsernameTemplate(text, parts.toArray());
    }

    /** Whether rendering needs a {@link PrivateDnsNameResolver}. */
    public boolean needsPrivateDnsName() {
        return needsPrivateDnsName;
    }

    /**
     * Renders the template for an identity that needs no EC2 lookup.
     *
     * @throws TemplateRenderException as {@link #render(CallerIdentity, PrivateDnsNameResolver)}, and
     *     when the template holds {@code {{EC2PrivateDNSName}}}
     */
    public String render(CallerIdentity identity) {
        return render(identity, instanceId -> {
            throw new IllegalStateException("no private DNS name resolver is configured");
        });
    }

    /**
     * Renders the template for an identity.
     *
     * @param identity who logged in
     * @param resolver looks up the private DNS name for {@code {{EC2PrivateDNSName}}}; called only when
     *     the template holds it
     * @return the rendered text
     * @throws TemplateRenderException when the template needs a session name the identity lacks or
     *     that is outside STS's character set, the session name is not an instance id where {@code {{EC2PrivateDNSName}}} needs one, the resolver
     *     fails for this instance, or a value holds a brace
     * @throws PrivateDnsNameUnavailableException when the resolver could not look the instance up now
     */
    public String render(CallerIdentity identity, PrivateDnsNameResolver resolver) {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(resolver, "resolver");
        StringBuilder out = new StringBuilder(text.length() + 32);
        for (Object part : parts) {
            if (part instanceof String literal) {
                out.append(literal);
            } else {
                out.append(checked((Placeholder) part, value((Placeholder) part, identity, resolver)));
            }
        }
        return out.toString();
    }

    private static String value(Placeholder placeholder, CallerIdentity identity, PrivateDnsNameResolver resolver) {
        switch (placeholder) {
            case ACCOUNT_ID:
                return identity.accountId();
            case ACCESS_KEY_ID:
                return identity.accessKeyId();
            case SESSION_NAME:
                return session(identity, placeholder).replace('@', '-');
            case SESSION_NAME_RAW:
                return session(identity, placeholder);
            case EC2_PRIVATE_DNS_NAME:
                return privateDnsName(session(identity, placeholder), resolver);
            default:
                throw new AssertionError(placeholder);
        }
    }

    private static String session(CallerIdentity identity, Placeholder placeholder) {
        String session = identity.sessionName().orElseThrow(() -> new TemplateRenderException("{{"
                + placeholder.text() + "}} needs a session name, but " + identity.principalType() + " "
                + UntrustedText.quote(identity.arn().toString()) + " has none"));
        if (!SettingChecks.isRoleSessionName(session)) {
            throw new TemplateRenderException("{{" + placeholder.text() + "}} refuses session name '"
                    + UntrustedText.quote(session) + "'; STS issues only 2 to 64 characters of letters, digits and +=,.@_-");
        }
        return session;
    }

    private static String privateDnsName(String session, PrivateDnsNameResolver resolver) {
        if (!INSTANCE_ID.matcher(session).matches()) {
            throw new TemplateRenderException("{{EC2PrivateDNSName}} needs an EC2 instance id (i- and hex digits)"
                    + " as session name, got '" + UntrustedText.quote(session) + "'");
        }
        String name;
        try {
            name = resolver.privateDnsName(session);
        } catch (PrivateDnsNameUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TemplateRenderException("could not find the private DNS name of instance " + session + ": "
                    + UntrustedText.quote(e.getMessage()), e);
        }
        if (name == null || name.isEmpty()) {
            throw new TemplateRenderException("instance " + session + " has no private DNS name");
        }
        return name;
    }

    private static String checked(Placeholder placeholder, String value) {
        if (value.indexOf('{') >= 0 || value.indexOf('}') >= 0) {
            throw new TemplateRenderException("value of {{" + placeholder.text() + "}} must not contain braces");
        }
        return value;
    }

    private static String known() {
        StringBuilder b = new StringBuilder();
        for (Placeholder p : Placeholder.values()) {
            b.append(b.length() == 0 ? "" : ", ").append("{{").append(p.text()).append("}}");
        }
        return b.toString();
    }

    /** The template's source text. */
    public String text() {
        return text;
    }

    /** Templates are equal when their source texts are. */
    @Override
    public boolean equals(Object o) {
        return o instanceof UsernameTemplate other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** Returns the template's source text. */
    @Override
    public String toString() {
        return text;
    }
}
