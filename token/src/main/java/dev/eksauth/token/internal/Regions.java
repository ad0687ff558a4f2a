package dev.eksauth.token.internal;

import dev.eksauth.core.Partition;
import dev.eksauth.core.StsHost;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/** Region and partition lookups backed by the AWS SDK. Not public API. */
public final class Regions {
    private Regions() {
    }

    /** The region from the SDK's chain (environment, system property, profile, instance), else us-east-1. */
    public static Region fromDefaultChain() {
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            return Region.US_EAST_1;
        }
    }

    /**
     * The partition of a region: from the SDK's metadata when it knows the region, else from the
     * partitions' region naming schemes, else {@code aws}.
     */
    public static Partition partitionOf(Region region) {
        RegionMetadata metadata = region.metadata();
        if (metadata != null) {
            return Partition.fromId(metadata.partition().id()).orElse(Partition.AWS);
        }
        for (Partition p : Partition.values()) {
            if (p.hasRegionNamed(region.id())) {
                return p;
            }
        }
        return Partition.AWS;
    }

    /** The endpoint variant for the FIPS and dual-stack settings. */
    public static StsHost.Variant variant(boolean fips, boolean dualstack) {
        if (fips) {
            return dualstack ? StsHost.Variant.FIPS_DUAL_STACK : StsHost.Variant.FIPS;
        }
        return dualstack ? StsHost.Variant.DUAL_STACK : StsHost.Variant.REGULAR;
    }
}
