package dev.eksauth.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.eksauth.core.CallerIdentity;
import dev.eksauth.core.PrivateDnsNameUnavailableException;
import dev.eksauth.core.UsernameTemplate;

class MapperChainTest {
    static final CallerIdentity NODE = Fixtures.assumedRole("111122223333", "Node", "i-0123456789abcdef0");

    static IdentityMapper mapsTo(String username) {
        return id -> Optional.of(new Mapping(UsernameTemplate.compile(username), List.of(), "test"));
    }

    static IdentityMapper down(String why) {
        return id -> {
            throw new MappingUnavailableException(why, null);
        };
    }

    @Nested
    class ReservedPrefixesOfAMapper {
        @Test
        void aUsernameWithAReservedPrefixIsDenied() {
            MapperChain chain = MapperChain.builder().add(mapsTo("system:admin"), ReservedPrefixes.of("eks:", "system:"))
                    .build();

            assertThat(chain.map(NODE)).isInstanceOfSatisfying(AuthenticationResult.Denied.class, d -> {
                assertThat(d.reason()).isEqualTo(DenialReason.RESERVED_PREFIX);
                assertThat(d.message()).contains("'system:admin'", "'system:'");
            });
        }

        @Test
        void applyOnlyToTheirOwnMapper() {
            MapperChain chain = MapperChain.builder().add(id -> Optional.empty(), ReservedPrefixes.of("system:"))
                    .add(mapsTo("system:admin"), ReservedPrefixes.none()).build();

            assertThat(chain.map(NODE)).isInstanceOf(AuthenticationResult.Authenticated.class);
        }

        @Test
        void mustNotBeEmpty() {
            assertThatThrownBy(() -> ReservedPrefixes.of("eks:", "")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("reserved prefix");
        }

        @Test
        void sayWhichPrefixAUsernameHas() {
            ReservedPrefixes reserved = ReservedPrefixes.of("eks:", "amazon:");

            assertThat(reserved.prefixOf("amazon:x")).contains("amazon:");
            assertThat(reserved.prefixOf("alice")).isEmpty();
            assertThat(ReservedPrefixes.none().prefixOf("system:x")).isEmpty();
        }
    }

    @Nested
    class WhenADependencyIsDown {
        @Test
        void aMapperWhoseSourceIsDownMakesTheChainUnavailable() {
            MapperChain chain = MapperChain.of(down("the directory is down"));

            assertThat(chain.map(NODE)).isInstanceOfSatisfying(AuthenticationResult.Unavailable.class, u -> {
                assertThat(u.reason()).isEqualTo(UnavailableReason.MAPPING_SOURCE_UNAVAILABLE);
                assertThat(u.message()).isEqualTo("the directory is down");
                assertThat(u.identity()).contains(NODE);
            });
        }

        @Test
        void aLaterMapperDoesNotDecideInsteadOfOneThatIsDown() {
            MapperChain chain = MapperChain.builder().add(down("first is down")).add(mapsTo("fallback")).build();

            assertThat(chain.map(NODE)).isInstanceOf(AuthenticationResult.Unavailable.class);
        }

        @Test
        void anEarlierMapperThatMapsDecidesBeforeOneThatIsDown() {
            MapperChain chain = MapperChain.builder().add(mapsTo("first")).add(down("second is down")).build();

            assertThat(chain.map(NODE)).isInstanceOf(AuthenticationResult.Authenticated.class);
        }

        @Test
        void aPrivateDnsNameLookupThatCannotBeMadeNowIsUnavailable() {
            MapperChain chain = MapperChain.builder().add(mapsTo("system:node:{{EC2PrivateDNSName}}"))
                    .privateDnsNameResolver(id -> {
                        throw new PrivateDnsNameUnavailableException("EC2 throttled", null);
                    }).build();

            assertThat(chain.map(NODE)).isInstanceOfSatisfying(AuthenticationResult.Unavailable.class, u -> {
                assertThat(u.reason()).isEqualTo(UnavailableReason.PRIVATE_DNS_NAME_UNAVAILABLE);
                assertThat(u.message()).isEqualTo("test: EC2 throttled");
            });
        }

        @Test
        void anInstanceTheResolverDoesNotKnowIsATemplateFailure() {
            MapperChain chain = MapperChain.builder().add(mapsTo("system:node:{{EC2PrivateDNSName}}"))
                    .privateDnsNameResolver(StaticPrivateDnsNameResolver.of(java.util.Map.of())).build();

            assertThat(chain.map(NODE)).isInstanceOfSatisfying(AuthenticationResult.Denied.class,
                    d -> assertThat(d.reason()).isEqualTo(DenialReason.TEMPLATE_FAILURE));
        }

        @Test
        void aMapperThatFailsOtherwiseHasABugThatIsPassedOn() {
            MapperChain chain = MapperChain.of(id -> {
                throw new IllegalStateException("bug");
            });

            assertThatThrownBy(() -> chain.map(NODE)).isInstanceOf(IllegalStateException.class).hasMessage("bug");
        }
    }

    @Test
    void aChainNeedsAMapper() {
        assertThatThrownBy(() -> MapperChain.builder().build()).isInstanceOf(IllegalStateException.class);
    }
}
