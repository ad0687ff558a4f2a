package dev.eksauth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import dev.eksauth.testkit.MutableClock;

class EksTokenGeneratorTest {
    static final StaticCredentialsProvider KEYS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
    final MutableClock clock = MutableClock.at("2026-11-23T10:15:30.750Z");

    EksTokenGenerator.Builder generator() {
        return EksTokenGenerator.builder().clusterId("prod").credentialsProvider(KEYS).region(Region.US_WEST_2)
                .clock(clock);
    }

    @Nested
    class TheToken {
        @Test
        void isThePrefixAndUnpaddedBase64UrlOfAPresignedGetCallerIdentityUrl() {
            String token = generator().build().generate().value();

            assertThat(token).startsWith("k8s-aws-v1.").doesNotContain("=", "+", "/");
            var url = Tokens.url(token);
            assertThat(url.getScheme()).isEqualTo("https");
            assertThat(url.getHost()).isEqualTo("sts.us-west-2.amazonaws.com");
            assertThat(url.getPath()).isEqualTo("/");
            Map<String, String> query = Tokens.query(token);
            assertThat(query).containsEntry("Action", "GetCallerIdentity")
                    .containsEntry("Version", "2011-06-15")
                    .containsEntry("X-Amz-Algorithm", "AWS4-HMAC-SHA256")
                    .containsEntry("X-Amz-Credential", "AKIAIOSFODNN7EXAMPLE/20261123/us-west-2/sts/aws4_request")
                    .containsEntry("X-Amz-Date", "20261123T101530Z")
                    .containsEntry("X-Amz-Expires", "60")
                    .containsEntry("X-Amz-SignedHeaders", "host;x-k8s-aws-id")
                    .containsKey("X-Amz-Signature")
                    .doesNotContainKey("X-Amz-Security-Token");
        }

        @Test
        void expiresFourteenMinutesAfterSigning() {
            EksToken token = generator().build().generate();

            assertThat(token.expiration()).isEqualTo(Instant.parse("2026-11-23T10:29:30Z"));
        }

        @Test
        void carriesTheSessionTokenOfTemporaryCredentials() {
            var session = StaticCredentialsProvider.create(AwsSessionCredentials.create(
                    "ASIAIOSFODNN7EXAMPLE", "secret", "FwoGZXIvYXdzEBYaDH+session/token=="));

            String token = generator().credentialsProvider(session).build().generate().value();

            assertThat(Tokens.query(token)).containsEntry("X-Amz-Security-Token", "FwoGZXIvYXdzEBYaDH+session/token==");
        }

        @Test
        void isTheSameForTheSameInstantAndDifferentForAnotherCluster() {
            String a = generator().build().generate().value();
            String b = generator().build().generate().value();
            String other = generator().clusterId("staging").build().generate().value();

            assertThat(a).isEqualTo(b);
            assertThat(Tokens.query(other).get("X-Amz-Signature")).isNotEqualTo(Tokens.query(a).get("X-Amz-Signature"));
        }

        @Test
        void neverShowsItsValueInToString() {
            EksToken token = generator().build().generate();

            assertThat(token.toString()).doesNotContain(token.value().substring(11, 30)).contains("***");
        }
    }

    @Nested
    class Endpoints {
        String host(EksTokenGenerator.Builder builder) {
            return Tokens.url(builder.build().generate().value()).getHost();
        }

        @Test
        void regionalByDefault() {
            assertThat(host(generator().region(Region.EU_CENTRAL_1))).isEqualTo("sts.eu-central-1.amazonaws.com");
        }

        @Test
        void globalSignedForUsEast1() {
            String token = generator().stsEndpointType(StsEndpointType.GLOBAL).build().generate().value();

            assertThat(Tokens.url(token).getHost()).isEqualTo("sts.amazonaws.com");
            assertThat(Tokens.query(token).get("X-Amz-Credential")).contains("/us-east-1/sts/");
        }

        @Test
        void fipsAndDualStack() {
            assertThat(host(generator().fipsEnabled(true))).isEqualTo("sts-fips.us-west-2.amazonaws.com");
            assertThat(host(generator().dualstackEnabled(true))).isEqualTo("sts.us-west-2.api.aws");
            assertThat(host(generator().fipsEnabled(true).dualstackEnabled(true))).isEqualTo("sts-fips.us-west-2.api.aws");
        }

        @Test
        void otherPartitionsUseTheirDomains() {
            assertThat(host(generator().region(Region.CN_NORTH_1))).isEqualTo("sts.cn-north-1.amazonaws.com.cn");
            assertThat(host(generator().region(Region.CN_NORTH_1).dualstackEnabled(true)))
                    .isEqualTo("sts.cn-north-1.api.amazonwebservices.com.cn");
            assertThat(host(generator().region(Region.US_GOV_WEST_1))).isEqualTo("sts.us-gov-west-1.amazonaws.com");
            assertThat(host(generator().region(Region.US_ISO_EAST_1))).isEqualTo("sts.us-iso-east-1.c2s.ic.gov");
            assertThat(host(generator().region(Region.of("eusc-de-east-1")))).isEqualTo("sts.eusc-de-east-1.amazonaws.eu");
        }

        @Test
        void globalOutsideAwsIsRefused() {
            assertThatThrownBy(() -> generator().region(Region.CN_NORTH_1).stsEndpointType(StsEndpointType.GLOBAL).build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("global STS endpoint");
        }

        @Test
        void dualStackWhereThePartitionHasNoneIsRefused() {
            assertThatThrownBy(() -> generator().region(Region.US_ISO_EAST_1).dualstackEnabled(true).build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("dual-stack");
        }
    }

    @Nested
    class Builder {
        @Test
        void requiresAClusterId() {
            assertThatThrownBy(() -> EksTokenGenerator.builder().build())
                    .isInstanceOf(IllegalStateException.class).hasMessage("clusterId is required");
        }

        @Test
        void refusesBlankOrUnprintableClusterIds() {
            assertThatThrownBy(() -> EksTokenGenerator.builder().clusterId(" "))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> EksTokenGenerator.builder().clusterId("a\nb"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\\u000a");
        }

        @Test
        void refusesARoleArnThatIsNotARole() {
            assertThatThrownBy(() -> EksTokenGenerator.builder().roleArn("arn:aws:iam::123456789012:user/alice"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("roleArn")
                    .hasMessageContaining("not a role");
        }

        @Test
        void refusesASessionNameStsWouldRefuse() {
            assertThatThrownBy(() -> EksTokenGenerator.builder().roleSessionName("a b"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("roleSessionName");
        }

        @Test
        void refusesAssumeRoleSettingsWithoutARole() {
            assertThatThrownBy(() -> generator().externalId("x").build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("need roleArn");
        }

        @Test
        void reportsCredentialFailuresWithoutSecrets() {
            var broken = generator().credentialsProvider(() -> {
                throw new IllegalStateException("no credentials here");
            }).build();

            assertThatThrownBy(broken::generate).isInstanceOf(TokenGenerationException.class)
                    .hasMessageContaining("no credentials here");
        }
    }
}
