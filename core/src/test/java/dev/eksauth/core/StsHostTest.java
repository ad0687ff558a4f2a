package dev.eksauth.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.eksauth.core.StsHost.Variant;

class StsHostTest {

    @Nested
    class Hostnames {
        @ParameterizedTest(name = "{0} {1} {2} -> {3}")
        @CsvSource({
            "AWS, us-west-2, REGULAR, sts.us-west-2.amazonaws.com",
            "AWS, us-east-1, FIPS, sts-fips.us-east-1.amazonaws.com",
            "AWS, us-east-1, DUAL_STACK, sts.us-east-1.api.aws",
            "AWS, us-east-1, FIPS_DUAL_STACK, sts-fips.us-east-1.api.aws",
            "AWS_CN, cn-north-1, REGULAR, sts.cn-north-1.amazonaws.com.cn",
            "AWS_CN, cn-north-1, DUAL_STACK, sts.cn-north-1.api.amazonwebservices.com.cn",
            "AWS_US_GOV, us-gov-west-1, FIPS, sts-fips.us-gov-west-1.amazonaws.com",
            "AWS_US_GOV, us-gov-east-1, DUAL_STACK, sts.us-gov-east-1.api.aws",
            "AWS_ISO, us-iso-east-1, REGULAR, sts.us-iso-east-1.c2s.ic.gov",
            "AWS_ISO_B, us-isob-east-1, REGULAR, sts.us-isob-east-1.sc2s.sgov.gov",
            "AWS_ISO_E, eu-isoe-west-1, REGULAR, sts.eu-isoe-west-1.cloud.adc-e.uk",
            "AWS_ISO_F, us-isof-south-1, REGULAR, sts.us-isof-south-1.csp.hci.ic.gov",
            "AWS_EUSC, eusc-de-east-1, REGULAR, sts.eusc-de-east-1.amazonaws.eu",
            "AWS_EUSC, eusc-de-east-1, DUAL_STACK, sts.eusc-de-east-1.api.amazonwebservices.eu"})
        void areBuiltAndParsedBack(Partition partition, String region, Variant variant, String hostname) {
            StsHost host = StsHost.regional(partition, region, variant);

            assertThat(host.hostname()).isEqualTo(hostname);
            assertThat(StsHost.parse(hostname, partition)).contains(host);
        }

        @Test
        void theGlobalEndpointBelongsToAwsOnly() {
            assertThat(StsHost.global().hostname()).isEqualTo("sts.amazonaws.com");
            assertThat(StsHost.parse("sts.amazonaws.com", Partition.AWS)).contains(StsHost.global());
            assertThat(StsHost.parse("sts.amazonaws.com", Partition.AWS_US_GOV)).isEmpty();
        }

        @Test
        void impossibleCombinationsAreRefused() {
            assertThatThrownBy(() -> StsHost.regional(Partition.AWS_ISO, "us-iso-east-1", Variant.DUAL_STACK))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no dual-stack");
            assertThatThrownBy(() -> StsHost.regional(Partition.AWS, "US-EAST-1", Variant.REGULAR))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Spoofing {
        @ParameterizedTest
        @ValueSource(strings = {
            "sts.amazonaws.com.evil.com",
            "evil.com",
            "sts.us-west-2.amazonaws.com.",
            "STS.us-west-2.amazonaws.com",
            "sts.US-WEST-2.amazonaws.com",
            "sts.us-west-2.amazonaws.com:443",
            "user@sts.us-west-2.amazonaws.com",
            "evilsts.us-west-2.amazonaws.com",
            "sts.evil.us-west-2.amazonaws.com",
            "sts.-x.amazonaws.com",
            "sts.x-.amazonaws.com",
            "sts..amazonaws.com",
            "sts.us-gov-west-1.amazonaws.com",
            "sts.cn-north-1.amazonaws.com.cn",
            "s3.us-west-2.amazonaws.com",
            "sts.us-west-2.amazonaws.com/",
            "sts.us-west-2.api.aws.evil",
            ""})
        void hostsThatAreNotAwsStsHostsAreRefused(String host) {
            assertThat(StsHost.parse(host, Partition.AWS)).isEmpty();
        }

        @Test
        void commercialRegionsAreNotGovCloudHosts() {
            assertThat(StsHost.parse("sts.us-east-1.amazonaws.com", Partition.AWS_US_GOV)).isEmpty();
            assertThat(StsHost.parse("sts.us-gov-west-1.amazonaws.com", Partition.AWS_US_GOV)).isPresent();
        }

        @Test
        void nullIsNoHost() {
            assertThat(StsHost.parse(null, Partition.AWS)).isEmpty();
        }
    }

    @Test
    void aConfiguredRegionOutsideThePartitionsNamingIsAcceptedThroughThePredicate() {
        Set<String> configured = Set.of("ap-newregion7");

        assertThat(StsHost.parse("sts.ap-newregion7.amazonaws.com", Partition.AWS)).isEmpty();
        assertThat(StsHost.parse("sts.ap-newregion7.amazonaws.com", Partition.AWS, configured::contains))
                .map(StsHost::region).contains(java.util.Optional.of("ap-newregion7"));
    }
}
