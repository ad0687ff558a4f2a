package dev.eksauth.token.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.eksauth.core.Partition;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;

class RegionsTest {
    @Test
    void theNamingSchemesAgreeWithTheSdksMetadataForEveryRegionItKnows() {
        int checked = 0;
        for (Region region : Region.regions()) {
            RegionMetadata metadata = region.metadata();
            if (metadata == null || region.isGlobalRegion()) {
                continue;
            }
            Partition expected = Partition.fromId(metadata.partition().id()).orElse(Partition.AWS);
            assertThat(Regions.partitionOf(region)).as(region.id()).isEqualTo(expected);
            checked++;
        }
        assertThat(checked).isGreaterThan(30);
    }

    @Test
    void aRegionNamedOutsideEverySchemeFallsBackToAws() {
        assertThat(Regions.partitionOf(Region.of("moon-base-1"))).isEqualTo(Partition.AWS);
    }
}
