package dev.eksauth.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PartitionTest {

    @Test
    void knowsTheEightPartitionsAndTheirDomains() {
        assertThat(Partition.values()).extracting(Partition::id).containsExactly("aws", "aws-cn", "aws-us-gov",
                "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc");
        assertThat(Partition.AWS_CN.domain()).isEqualTo("amazonaws.com.cn");
        assertThat(Partition.AWS_CN.dualStackDomain()).contains("api.amazonwebservices.com.cn");
        assertThat(Partition.AWS_US_GOV.dualStackDomain()).contains("api.aws");
        assertThat(Partition.AWS_ISO_F.dualStackDomain()).isEmpty();
        assertThat(Partition.AWS_EUSC.domain()).isEqualTo("amazonaws.eu");
    }

    @Test
    void findsPartitionsByExactId() {
        assertThat(Partition.fromId("aws-iso-b")).contains(Partition.AWS_ISO_B);
        assertThat(Partition.fromId("AWS")).isEmpty();
        assertThat(Partition.fromId(null)).isEmpty();
        assertThatThrownBy(() -> Partition.of("mars")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown partition 'mars'");
    }

    @Test
    void recognisesItsRegionNames() {
        assertThat(Partition.AWS.hasRegionNamed("eu-central-2")).isTrue();
        assertThat(Partition.AWS.hasRegionNamed("us-gov-west-1")).isFalse();
        assertThat(Partition.AWS_US_GOV.hasRegionNamed("us-gov-west-1")).isTrue();
        assertThat(Partition.AWS_CN.hasRegionNamed("cn-northwest-1")).isTrue();
        assertThat(Partition.AWS_EUSC.hasRegionNamed("eusc-de-east-1")).isTrue();
        assertThat(Partition.AWS.hasRegionNamed(null)).isFalse();
    }
}
