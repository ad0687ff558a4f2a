package dev.eksauth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.eksauth.testkit.FakeStsExtension;
import dev.eksauth.testkit.MutableClock;
import dev.eksauth.testkit.StsIdentity;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;

class AssumeRoleCredentialsProviderTest {
    static final String ADMIN = "arn:aws:iam::111122223333:role/Admin";

    /** The SDK's STS client dates AssumeRole by the system clock, so this clock starts at the system's time. */
    final MutableClock clock = MutableClock.at(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    final StsIdentity alice = StsIdentity.user("111122223333", "alice");
    @RegisterExtension
    final FakeStsExtension sts = FakeStsExtension.create(fake -> fake.clock(clock).identity(alice));

    AssumeRoleCredentialsProvider.Builder admin() {
        return AssumeRoleCredentialsProvider.builder().roleArn(ADMIN).sourceCredentials(alice.credentialsProvider())
                .region(Region.US_WEST_2).stsEndpoint(sts.get().endpoint()).clock(clock);
    }

    /** A cache in memory, as a Java user might share one between providers. */
    static final class MapCache implements SessionCredentialsCache {
        final Map<String, AwsSessionCredentials> entries = new ConcurrentHashMap<>();

        @Override
        public synchronized AwsSessionCredentials get(String key, Instant neededUntil,
                java.util.function.Supplier<AwsSessionCredentials> loader) {
            AwsSessionCredentials held = entries.get(key);
            if (held != null && held.expirationTime().orElseThrow().isAfter(neededUntil)) {
                return held;
            }
            AwsSessionCredentials fresh = loader.get();
            entries.put(key, fresh);
            return fresh;
        }
    }

    @Nested
    class Reuse {
        @Test
        void reusesTheSessionUntilFifteenMinutesBeforeItExpires() {
            try (AssumeRoleCredentialsProvider provider = admin().build()) {
                AwsSessionCredentials first = provider.resolveCredentials();
                clock.advance(Duration.ofMinutes(44).plusSeconds(59));

                assertThat(provider.resolveCredentials()).isSameAs(first);
                assertThat(sts.get().requestCount("AssumeRole")).isEqualTo(1);
                assertThat(first.expirationTime()).hasValue(clock.instant().plus(Duration.ofMinutes(15)).plusSeconds(1));
            }
        }

        @Test
        void providersSharingACacheShareOneSession() {
            MapCache cache = new MapCache();
            try (AssumeRoleCredentialsProvider one = admin().credentialsCache(cache).build();
                    AssumeRoleCredentialsProvider two = admin().credentialsCache(cache).build()) {
                assertThat(two.resolveCredentials().accessKeyId()).isEqualTo(one.resolveCredentials().accessKeyId());
            }
            assertThat(sts.get().requestCount("AssumeRole")).isEqualTo(1);
        }

        @Test
        void differentCallersAndSettingsHaveDifferentKeys() {
            MapCache cache = new MapCache();
            StsIdentity bob = sts.get().register(StsIdentity.user("111122223333", "bob"));
            List<AssumeRoleCredentialsProvider> providers = List.of(admin().credentialsCache(cache).build(),
                    admin().credentialsCache(cache).sourceCredentials(bob.credentialsProvider()).build(),
                    admin().credentialsCache(cache).roleSessionName("other").build(),
                    admin().credentialsCache(cache).externalId("x").build(),
                    admin().credentialsCache(cache).duration(Duration.ofHours(2)).build());
            providers.forEach(AssumeRoleCredentialsProvider::resolveCredentials);
            providers.forEach(AssumeRoleCredentialsProvider::close);

            assertThat(cache.entries).hasSize(5);
            assertThat(cache.entries.keySet()).allSatisfy(k -> assertThat(k).matches("[0-9a-f]{64}"));
        }
    }

    @Nested
    class Mfa {
        @Test
        void sendsTheCodeTheSourceGives() {
            List<String> asked = new ArrayList<>();
            try (AssumeRoleCredentialsProvider provider = admin().mfaSerial("arn:aws:iam::111122223333:mfa/alice", serial -> {
                asked.add(serial);
                return "123456";
            }).build()) {
                provider.resolveCredentials();
                provider.resolveCredentials();
            }
            assertThat(asked).containsExactly("arn:aws:iam::111122223333:mfa/alice");
            assertThat(sts.get().mfaCodes()).containsExactly("arn:aws:iam::111122223333:mfa/alice=123456");
        }

        @Test
        void refusesACodeThatIsNotSixDigitsWithoutCallingSts() {
            try (AssumeRoleCredentialsProvider provider = admin().mfaSerial("mfa-1", serial -> "12345").build()) {
                assertThatThrownBy(provider::resolveCredentials).isInstanceOf(SdkClientException.class)
                        .hasMessageContaining("six digits").hasMessageNotContaining("12345");
            }
            assertThat(sts.get().requestCount("AssumeRole")).isZero();
        }

        @Test
        void aProfileWithMfaSerialAsksThroughItsSourceProfile() {
            ProfileFile profiles = ProfileFile.builder().type(ProfileFile.Type.CONFIGURATION).content(new ByteArrayInputStream(
                    ("[profile base]\naws_access_key_id = " + alice.accessKeyId() + "\naws_secret_access_key = "
                            + alice.secretAccessKey() + "\n[profile admin]\nrole_arn = " + ADMIN
                            + "\nsource_profile = base\nmfa_serial = mfa-1\nrole_session_name = alice\n")
                            .getBytes(StandardCharsets.UTF_8))).build();
            try (ProfileRoleCredentialsProvider provider = ProfileRoleCredentialsProvider.builder().profileFile(profiles)
                    .profileName("admin").mfaCodeSource(serial -> "000111").region(Region.US_WEST_2)
                    .stsEndpoint(sts.get().endpoint()).clock(clock).build()) {
                assertThat(provider.resolveCredentials()).isInstanceOf(AwsSessionCredentials.class);
            }
            assertThat(sts.get().mfaCodes()).containsExactly("mfa-1=000111");
        }
    }

    @Nested
    class Misuse {
        @Test
        void settersAndBuildSayWhatIsWrong() {
            assertThatThrownBy(() -> AssumeRoleCredentialsProvider.builder().roleArn("arn:aws:iam::1:user/x"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> AssumeRoleCredentialsProvider.builder().duration(Duration.ofMinutes(5)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duration");
            assertThatThrownBy(() -> AssumeRoleCredentialsProvider.builder().build())
                    .isInstanceOf(IllegalStateException.class).hasMessage("roleArn is required");
            assertThatThrownBy(() -> admin().roleSessionName("s1").forwardSessionName(true).build())
                    .isInstanceOf(IllegalStateException.class);
        }

        @Test
        void profilesThatCannotWorkFailWhenBuilt() {
            ProfileFile loop = ProfileFile.builder().type(ProfileFile.Type.CONFIGURATION).content(new ByteArrayInputStream(
                    ("[profile a]\nrole_arn = " + ADMIN + "\nsource_profile = b\n[profile b]\nrole_arn = " + ADMIN
                            + "\nsource_profile = a\n[profile c]\nrole_arn = " + ADMIN + "\n[profile d]\nrole_arn = " + ADMIN
                            + "\ncredential_source = Environment\nmfa_serial = m\n").getBytes(StandardCharsets.UTF_8))).build();

            assertThatThrownBy(() -> ProfileRoleCredentialsProvider.builder().profileFile(loop).profileName("a").build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("form a loop");
            assertThatThrownBy(() -> ProfileRoleCredentialsProvider.builder().profileFile(loop).profileName("c").build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("source_profile or credential_source");
            assertThatThrownBy(() -> ProfileRoleCredentialsProvider.builder().profileFile(loop).profileName("zz").build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("no AWS profile 'zz'");
            assertThatThrownBy(() -> ProfileRoleCredentialsProvider.builder().profileFile(loop).profileName("d").build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("no MfaCodeSource");
        }
    }
}
