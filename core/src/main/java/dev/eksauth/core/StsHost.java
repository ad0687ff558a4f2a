package dev.eksauth.core;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;


/**
 * The host name of a real STS endpoint: regional ({@code sts.<region>.<domain>}), FIPS
 * ({@code sts-fips.<region>.<domain>}), dual-stack (the partition's dual-stack domain), FIPS
 * dual-stack, or the global {@code sts.amazonaws.com} of the {@code aws} partition.
 *
 * <p>{@link #parse} is strict, for hosts taken from untrusted tokens: lower case only, no port, no
 * user info, no trailing dot, a region label of {@code [a-z0-9]([a-z0-9-]*[a-z0-9])?} that has the
 * shape of the partition's region names. Immutable and thread-safe.
 *
 * @param partition the partition whose domain the host is in
 * @param region the region, or empty for the global endpoint
 * @param variant regular, FIPS, dual-stack or both
 */
public record StsHost(Partition partition, Optional<String> region, Variant variant) {
    private static final Pattern REGION_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

    /** Which family of STS endpoints a host belongs to. */
    public enum Variant {
        /** {@code sts.<region>.<domain>}. */
        REGULAR("sts", false),
        /** {@code sts-fips.<region>.<domain>}. */
        FIPS("sts-fips", false),
        /** {@code sts.<region>.<dual-stack domain>}. */
        DUAL_STACK("sts", true),
        /** {@code sts-fips.<region>.<dual-stack domain>}. */
        FIPS_DUAL_STACK("sts-fips", true);

        private final String label;
        private final boolean dualStack;

        Variant(String label, boolean dualStack) {
            this.label = label;
            this.dualStack = dualStack;
        }
    }

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException when the region is not a valid region label, the partition has
     *     no dual-stack domain for a dual-stack variant, or a global host is asked outside {@code aws}
     *     or with a variant other than {@link Variant#REGULAR}
     */
    public StsHost {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(variant, "variant");
        if (region.isEmpty() && (!partition.hasGlobalStsEndpoint() || variant != Variant.REGULAR)) {
            throw new IllegalArgumentException("only the aws partition has a global STS endpoint,"
                    + " and it has no FIPS or dual-stack variant");
        }
        if (region.isPresent() && !REGION_LABEL.matcher(region.get()).matches()) {
            throw new IllegalArgumentException("region '" + UntrustedText.quote(region.get())
                    + "' is not a valid region name; expected lower-case letters, digits and inner hyphens");
        }
        if (variant.dualStack && partition.dualStackDomain().isEmpty()) {
            throw new IllegalArgumentException("partition " + partition.id() + " has no dual-stack STS endpoints");
        }
    }

    /** Whether a text is a well-formed region name: lower-case letters, digits and inner hyphens. */
    public static boolean isRegionName(String region) {
        return region != null && REGION_LABEL.matcher(region).matches();
    }

    /** The global endpoint, {@value Partition#GLOBAL_STS_HOST}. */
    public static StsHost global() {
        return new StsHost(Partition.AWS, Optional.empty(), Variant.REGULAR);
    }

    /**
     * A regional endpoint.
     *
     * @throws IllegalArgumentException as the canonical constructor
     */
    public static StsHost regional(Partition partition, String region, Variant variant) {
        return new StsHost(partition, Optional.of(Objects.requireNonNull(region, "region")), variant);
    }

    /** The host name, e.g. {@code sts-fips.us-east-1.api.aws}. */
    public String hostname() {
        if (region.isEmpty()) {
            return Partition.GLOBAL_STS_HOST;
        }
        String domain = variant.dualStack ? partition.dualStackDomain().orElseThrow() : partition.domain();
        return variant.label + '.' + region.get() + '.' + domain;
    }

    /** Whether this is the global endpoint. */
    public boolean isGlobal() {
        return region.isEmpty();
    }

    /**
     * Reads an STS host of a partition, accepting only regions named as the partition names them.
     *
     * @param host a host name from an untrusted source
     * @param partition the partition the host must belong to
     * @return the host, or empty when it is not a real STS host of that partition
     */
    public static Optional<StsHost> parse(String host, Partition partition) {
        return parse(host, partition, partition::hasRegionNamed);
    }

    /**
     * Reads an STS host of a partition, accepting the regions a predicate accepts (for instance a
     * configured region whose name the partition's naming scheme does not cover).
     *
     * @param host a host name from an untrusted source
     * @param partition the partition the host must belong to
     * @param regionAccepted decides which well-formed region labels are accepted
     * @return the host, or empty when it is not an accepted STS host of that partition
     */
    public static Optional<StsHost> parse(String host, Partition partition,
            java.util.function.Predicate<String> regionAccepted) {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(regionAccepted, "regionAccepted");
        if (host == null) {
            return Optional.empty();
        }
        if (partition.hasGlobalStsEndpoint() && host.equals(Partition.GLOBAL_STS_HOST)) {
            return Optional.of(global());
        }
        for (Variant variant : Variant.values()) {
            Optional<String> domain = variant.dualStack ? partition.dualStackDomain() : Optional.of(partition.domain());
            if (domain.isEmpty()) {
                continue;
            }
            String prefix = variant.label + '.';
            String suffix = '.' + domain.get();
            if (host.length() > prefix.length() + suffix.length() && host.startsWith(prefix) && host.endsWith(suffix)) {
                String region = host.substring(prefix.length(), host.length() - suffix.length());
                if (REGION_LABEL.matcher(region).matches() && regionAccepted.test(region)) {
                    return Optional.of(regional(partition, region, variant));
                }
            }
        }
        return Optional.empty();
    }
}
