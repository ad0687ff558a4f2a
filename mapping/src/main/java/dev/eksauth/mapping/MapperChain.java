package dev.eksauth.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.eksauth.core.CallerIdentity;
import dev.eksauth.core.KubernetesUser;
import dev.eksauth.core.PrivateDnsNameResolver;
import dev.eksauth.core.PrivateDnsNameUnavailableException;
import dev.eksauth.core.TemplateRenderException;
import dev.eksauth.core.UsernameTemplate;

/**
 * Mappers tried in order; the first with a mapping decides. Each mapper may have
 * {@link ReservedPrefixes}: a mapping of that mapper whose username renders to a reserved prefix is
 * denied (so a less trusted source cannot hand out, say, {@code system:} names). Renders templates
 * with a {@link PrivateDnsNameResolver} for {@code {{EC2PrivateDNSName}}}. Immutable and thread-safe.
 *
 * <p>{@link #map(CallerIdentity)} answers {@link AuthenticationResult.Unavailable} when a mapper
 * throws {@link MappingUnavailableException} (its answer would have come first, so the later mappers
 * cannot decide instead) or the resolver throws {@link PrivateDnsNameUnavailableException}; any other
 * failure to render a template is a denial ({@link DenialReason#TEMPLATE_FAILURE}).
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
     * {@code accessKeyId} and {@code principalId}. Never throws for a mapping source that is down or
     * a template that fails: the result says so. A mapper that throws anything but
     * {@link MappingUnavailableException} has a bug, and that exception is passed on.
     */
    public AuthenticationResult map(CallerIdentity identity) {
        for (Link link : links) {
            Optional<Mapping> found;
            try {
                found = link.mapper.map(identity);
            } catch (MappingUnavailableException e) {
                return unavailable(UnavailableReason.MAPPING_SOURCE_UNAVAILABLE, e.getMessage(), identity);
            }
            if (found.isPresent()) {
                return render(found.get(), link.reservedPrefixes, identity);
            }
        }
        return denied(DenialReason.NOT_MAPPED, "no mapping for " + identity.canonicalArn(), identity);
    }

    private AuthenticationResult render(Mapping mapping, ReservedPrefixes reserved, CallerIdentity identity) {
        String username;
        List<String> groups = new ArrayList<>();
        try {
            username = mapping.username().render(identity, resolver);
            for (UsernameTemplate group : mapping.groups()) {
                groups.add(group.render(identity, resolver));
            }
        } catch (PrivateDnsNameUnavailableException e) {
            return unavailable(UnavailableReason.PRIVATE_DNS_NAME_UNAVAILABLE, mapping.source() + ": " + e.getMessage(),
                    identity);
        } catch (TemplateRenderException e) {
            return denied(DenialReason.TEMPLATE_FAILURE, mapping.source() + ": " + e.getMessage(), identity);
        }
        Optional<String> prefix = reserved.prefixOf(username);
        if (prefix.isPresent()) {
            return denied(DenialReason.RESERVED_PREFIX, mapping.source() + " maps to username '" + username
                    + "', whose prefix '" + prefix.get() + "' is reserved", identity);
        }
        if (username.isEmpty()) {
            return denied(DenialReason.TEMPLATE_FAILURE, mapping.source() + " renders an empty username", identity);
        }
        return new AuthenticationResult.Authenticated(KubernetesUser.ofIamIdentity(identity, username, groups), identity,
                mapping.source());
    }

    private static AuthenticationResult denied(DenialReason reason, String message, CallerIdentity identity) {
        return new AuthenticationResult.Denied(reason, message, Optional.of(identity));
    }

    private static AuthenticationResult unavailable(UnavailableReason reason, String message, CallerIdentity identity) {
        return AuthenticationResult.Unavailable.of(reason, message, Optional.of(identity));
    }

    private record Link(IdentityMapper mapper, ReservedPrefixes reservedPrefixes) {
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
            return add(mapper, ReservedPrefixes.none());
        }

        /** Adds a mapper whose mappings must not render usernames starting with any of the reserved prefixes. */
        public Builder add(IdentityMapper mapper, ReservedPrefixes reservedPrefixes) {
            links.add(new Link(Objects.requireNonNull(mapper, "mapper"),
                    Objects.requireNonNull(reservedPrefixes, "reservedPrefixes")));
            return this;
        }

        /**
         * Resolves {@code {{EC2PrivateDNSName}}}; by default such mappings fail to render (a
         * {@link DenialReason#TEMPLATE_FAILURE}).
         */
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
