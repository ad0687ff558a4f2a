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
     * The partition of a region: from the partitions' region naming schemes when one matches (they
     * agree with the SDK's metadata for every region it knows), else from the SDK's metadata, else
     * {@code aws}. The schemes come first because loading the SDK's metadata loads several hundred
     * classes, a cost a short-lived {@code eksauth token} process feels.
     */
    public static Partition partitionOf(Region region) {
        for (Partition p : Partition.values()) {
            if (p.hasRegionNamed(region.id())) {
                return p;
            }
        }
        RegionMetadata metadata = region.metadata();
        if (metadata != null) {
            return Partition.fromId(metadata.partition().id()).orElse(Partition.AWS);
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
