package dev.eksauth.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SettingChecksTest {

    @Nested
    class RoleArns {
        @Test
        void aRoleArnWithOrWithoutPathIsAccepted() {
            assertThat(SettingChecks.roleArn("arn:aws:iam::123456789012:role/team/Admin", "roleArn"))
                    .isEqualTo("arn:aws:iam::123456789012:role/team/Admin");
        }

        @Test
        void aUserArnIsRefusedNamingTheSettingAndTheType() {
            assertThatThrownBy(() -> SettingChecks.roleArn("arn:aws:iam::123456789012:user/alice", "--role-arn"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("--role-arn").hasMessageContaining("names a user, not a role");
        }

        @Test
        void somethingThatIsNoArnIsRefusedAsIllegalArgument() {
            assertThatThrownBy(() -> SettingChecks.roleArn("admin", "roleArn"))
                    .isInstanceOf(IllegalArgumentException.class).hasCauseInstanceOf(InvalidArnException.class);
        }

        @Test
        void nullIsANullPointerNamingTheSetting() {
            assertThatThrownBy(() -> SettingChecks.roleArn(null, "roleArn"))
                    .isInstanceOf(NullPointerException.class).hasMessage("roleArn");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "build-4711", "alice@example.com", "a+b=c,d.e_f"})
    void sessionNamesStsAcceptsAreAccepted(String name) {
        assertThat(SettingChecks.roleSessionName(name, "roleSessionName")).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "has space", "slash/", "a-name-of-sixty-five-characters-is-one-more-than-sts-accepts-xxxx"})
    void sessionNamesStsRefusesAreRefused(String name) {
        assertThatThrownBy(() -> SettingChecks.roleSessionName(name, "roleSessionName"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 to 64 characters");
    }

    @Test
    void theSessionNameRuleIsOneRuleForSettingsAndTemplates() {
        assertThat(SettingChecks.isRoleSessionName("i-0123456789abcdef0")).isTrue();
        assertThat(SettingChecks.isRoleSessionName("system:masters")).isFalse();
        assertThat(SettingChecks.isRoleSessionName(null)).isFalse();
        assertThat(SettingChecks.isRoleSessionName("\u0663\u0664")).as("non-ASCII digits").isFalse();
    }

    @Test
    void regionNamesAreLowerCaseLabels() {
        assertThat(SettingChecks.regionName("eu-west-1", "region")).isEqualTo("eu-west-1");
        assertThatThrownBy(() -> SettingChecks.regionName("EU-WEST-1", "region")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SettingChecks.regionName("-west", "region")).isInstanceOf(IllegalArgumentException.class);
    }

    @Nested
    class EndpointOverrides {
        @ParameterizedTest
        @ValueSource(strings = {"https://sts.example.com", "http://127.0.0.1:4566", "https://vpce.example.com/sts/"})
        void httpAndHttpsUrlsWithAHostAreAccepted(String url) {
            assertThat(SettingChecks.endpointOverride(URI.create(url), "endpoint")).isEqualTo(URI.create(url));
        }

        @ParameterizedTest
        @ValueSource(strings = {"ftp://sts.example.com", "sts.example.com", "https:///path", "https://sts.example.com/?a=b",
            "https://sts.example.com/#frag", "https://user@sts.example.com"})
        void anythingElseIsRefused(String url) {
            assertThatThrownBy(() -> SettingChecks.endpointOverride(URI.create(url), "stsEndpointOverride"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stsEndpointOverride");
        }

        @Test
        void theMessageShowsNeitherUserInfoNorQuery() {
            assertThatThrownBy(() -> SettingChecks.endpointOverride(
                    URI.create("https://admin:hunter2@sts.example.com/x?X-Amz-Signature=abc"), "endpoint"))
                    .hasMessageContaining("https://sts.example.com/x").hasMessageContaining("has user info")
                    .hasMessageNotContaining("hunter2").hasMessageNotContaining("X-Amz-Signature");
        }
    }

    @Test
    void durationsMustBePositiveOrWithinTheirBounds() {
        assertThat(SettingChecks.positive(Duration.ofMillis(1), "timeout")).isEqualTo(Duration.ofMillis(1));
        assertThatThrownBy(() -> SettingChecks.positive(Duration.ZERO, "timeout"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout must be positive, was PT0S");
        assertThat(SettingChecks.within(Duration.ofMinutes(10), Duration.ZERO, Duration.ofMinutes(10), "margin"))
                .isEqualTo(Duration.ofMinutes(10));
        assertThatThrownBy(() -> SettingChecks.within(Duration.ofMinutes(11), Duration.ZERO, Duration.ofMinutes(10), "margin"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("margin must be from PT0S to PT10M");
    }

    @Test
    void aCacheSizeOfZeroTurnsTheCacheOffAndANegativeOneIsRefused() {
        assertThat(SettingChecks.cacheSize(0, "cacheSize")).isZero();
        assertThatThrownBy(() -> SettingChecks.cacheSize(-1, "cacheSize"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 turns the cache off");
    }
}
