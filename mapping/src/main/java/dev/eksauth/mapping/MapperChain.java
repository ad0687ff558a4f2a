package dev.eksauth.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.eksauth.core.CallerIdentity;
import dev.eksauth.core.KubernetesUser;
import dev.eksauth.core.PrivateDnsNameResolver;
import dev.eksauth.core.TemplateRenderException;
import dev.eksauth.core.UsernameTemplate;

/**
 * Mappers tried in order; the first with a mapping decides. Each mapper may have reserved username
 * prefixes: a mapping of that mapper whose username renders to a reserved prefix is denied (so a
 * less trusted source cannot hand out, say, {@code system:} names). Renders templates with a
 * {@link PrivateDnsNameResolver} for {@code {{EC2PrivateDNSName}}}. Immutable and thread-safe.
 */
public final class MapperChain {
    private final List<Link> links;
    private final PrivateDnsNameResolver resolver;

    private MapperChain(List<Link> links, PrivateDnsNameResolver resolver) {
        this.links = List.copyOf(links);
        this.resolver = resolver;
    }

    /** A chain of one mapper, with no reserved prefixes and no EC2 lookups. */
    public static MapperChain of(IdentityMapper mapper) {
        return builder().add(mapper).build();
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Maps an identity to a Kubernetes user: uid {@code aws-iam-authenticator:<account>:<userId>},
     * rendered username and groups, and extra {@code arn}, {@code canonicalArn}, {@code sessionName},
     * {@code accessKeyId} and {@code principalId}.
     */
    public AuthenticationResult map(CallerIdentity identity) {
        for (Link link : links) {
            Optional<Mapping> found = link.mapper.map(identity);
            if (found.isEmpty()) {
                continue;
            }
            Mapping mapping = found.get();
            String username;
            List<String> groups = new ArrayList<>();
            try {
                username = mapping.username().render(identity, resolver);
                for (UsernameTemplate group : mapping.groups()) {
                    groups.add(group.render(identity, resolver));
                }
            } catch (TemplateRenderException e) {
                return denied(DenialReason.TEMPLATE_FAILURE, mapping.source() + ": " + e.getMessage(), identity);
            }
            for (String prefix : link.reservedPrefixes) {
                if (username.startsWith(prefix)) {
                    return denied(DenialReason.RESERVED_PREFIX, mapping.source() + " maps to username '" + username
                            + "', whose prefix '" + prefix + "' is reserved", identity);
                }
            }
            if (username.isEmpty()) {
                return denied(DenialReason.TEMPLATE_FAILURE, mapping.source() + " renders an empty username", identity);
            }
            return new AuthenticationResult.Authenticated(user(identity, username, groups), identity, mapping.source());
        }
        return denied(DenialReason.NOT_MAPPED, "no mapping for " + identity.canonicalArn(), identity);
    }

    private static KubernetesUser user(CallerIdentity identity, String username, List<String> groups) {
        java.util.Map<String, List<String>> extra = new java.util.LinkedHashMap<>();
        extra.put("arn", List.of(identity.arn().toString()));
        extra.put("canonicalArn", List.of(identity.canonicalArn().toString()));
        extra.put("sessionName", List.of(identity.sessionName().orElse("")));
        extra.put("accessKeyId", List.of(identity.accessKeyId()));
        extra.put("principalId", List.of(identity.userId()));
        return new KubernetesUser(username, "aws-iam-authenticator:" + identity.accountId() + ":" + identity.userId(),
                groups, extra);
    }

    private static AuthenticationResult denied(DenialReason reason, String message, CallerIdentity identity) {
        return new AuthenticationResult.Denied(reason, message, Optional.of(identity));
    }

    private record Link(IdentityMapper mapper, List<String> reservedPrefixes) {
    }

    /** Configures a {@link MapperChain}. Not thread-safe. */
    public static final class Builder {
        private final List<Link> links = new ArrayList<>();
        private PrivateDnsNameResolver resolver = instanceId -> {
            throw new IllegalStateException("no private DNS name resolver is configured");
        };

        private Builder() {
        }

        /** Adds a mapper with no reserved prefixes. */
        public Builder add(IdentityMapper mapper) {
            return add(mapper, List.of());
        }

        /**
         * Adds a mapper whose mappings must not render usernames starting with any of the prefixes.
         *
         * @throws IllegalArgumentException when a prefix is empty
         */
        public Builder add(IdentityMapper mapper, List<String> reservedPrefixes) {
            Objects.requireNonNull(mapper, "mapper");
            for (String prefix : reservedPrefixes) {
                if (prefix == null || prefix.isEmpty()) {
                    throw new IllegalArgumentException("a reserved prefix must not be empty");
                }
            }
            links.add(new Link(mapper, List.copyOf(reservedPrefixes)));
            return this;
        }

        /** Resolves {@code {{EC2PrivateDNSName}}}; by default such mappings fail to render. */
        public Builder privateDnsNameResolver(PrivateDnsNameResolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /**
         * Builds the chain.
         *
         * @throws IllegalStateException when no mapper was added
         */
        public MapperChain build() {
            if (links.isEmpty()) {
                throw new IllegalStateException("add at least one mapper");
            }
            return new MapperChain(links, resolver);
        }
    }
}
