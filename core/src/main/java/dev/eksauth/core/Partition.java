package dev.eksauth.core;

import java.util.Optional;
import java.util.regex.Pattern;


/**
 * An AWS partition: a group of regions with its own ARN prefix and DNS domains.
 *
 * <p>Each partition knows the domain of its STS endpoints ({@code sts.<region>.<domain>}) and, where
 * one exists, its dual-stack (IPv4 and IPv6) domain. Immutable and thread-safe.
 */
public enum Partition {
    /** The commercial partition. */
    AWS("aws", "amazonaws.com", "api.aws", "(us|eu|ap|sa|ca|me|af|il|mx)-[a-z]+-\\d+"),
    /** China (Beijing and Ningxia). */
    AWS_CN("aws-cn", "amazonaws.com.cn", "api.amazonwebservices.com.cn", "cn-[a-z]+-\\d+"),
    /** AWS GovCloud (US). */
    AWS_US_GOV("aws-us-gov", "amazonaws.com", "api.aws", "us-gov-[a-z]+-\\d+"),
    /** US ISO East (C2S). */
    AWS_ISO("aws-iso", "c2s.ic.gov", null, "us-iso-[a-z]+-\\d+"),
    /** US ISOB (SC2S). */
    AWS_ISO_B("aws-iso-b", "sc2s.sgov.gov", null, "us-isob-[a-z]+-\\d+"),
    /** EU ISOE. */
    AWS_ISO_E("aws-iso-e", "cloud.adc-e.uk", null, "eu-isoe-[a-z]+-\\d+"),
    /** US ISOF. */
    AWS_ISO_F("aws-iso-f", "csp.hci.ic.gov", null, "us-isof-[a-z]+-\\d+"),
    /** The AWS European Sovereign Cloud. */
    AWS_EUSC("aws-eusc", "amazonaws.eu", "api.amazonwebservices.eu", "eusc-[a-z]+-[a-z]+-\\d+");

    /** The host of the global STS endpoint, which exists in the {@link #AWS} partition only. */
    public static final String GLOBAL_STS_HOST = "sts.amazonaws.com";

    private final String id;
    private final String domain;
    private final String dualStackDomain;
    private final Pattern regionPattern;

    Partition(String id, String domain, String dualStackDomain, String regionPattern) {
        this.id = id;
        this.domain = domain;
        this.dualStackDomain = dualStackDomain;
        this.regionPattern = Pattern.compile(regionPattern);
    }

    /**
     * Whether a region name has the shape of this partition's regions, e.g. {@code us-gov-west-1} for
     * {@link #AWS_US_GOV}. Regions launched later that keep the partition's naming scheme match too.
     */
    public boolean hasRegionNamed(String region) {
        return region != null && regionPattern.matcher(region).matches();
    }

    /** The partition's identifier as it appears in ARNs, e.g. {@code aws-cn}. */
    public String id() {
        return id;
    }

    /** The DNS domain of the partition's regular endpoints, e.g. {@code amazonaws.com.cn}. */
    public String domain() {
        return domain;
    }

    /** The DNS domain of the partition's dual-stack endpoints, if it has any. */
    public Optional<String> dualStackDomain() {
        return Optional.ofNullable(dualStackDomain);
    }

    /** Whether the partition has a global STS endpoint ({@value #GLOBAL_STS_HOST}). */
    public boolean hasGlobalStsEndpoint() {
        return this == AWS;
    }

    /**
     * Finds a partition by its ARN identifier.
     *
     * @param id an identifier such as {@code aws} or {@code aws-us-gov}; matched exactly
     * @return the partition, or empty when no partition has that identifier
     */
    public static Optional<Partition> fromId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        for (Partition p : values()) {
            if (p.id.equals(id)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * Finds a partition by its ARN identifier, failing when it is unknown.
     *
     * @throws IllegalArgumentException when no partition has that identifier
     */
    public static Partition of(String id) {
        return fromId(id).orElseThrow(() -> new IllegalArgumentException(
                "unknown partition '" + UntrustedText.quote(id) + "'; expected one of " + knownIds()));
    }

    static String knownIds() {
        StringBuilder b = new StringBuilder();
        for (Partition p : values()) {
            b.append(b.length() == 0 ? "" : ", ").append(p.id);
        }
        return b.toString();
    }

    /** Returns the partition's ARN identifier, as {@link #id()}. */
    @Override
    public String toString() {
        return id;
    }
}
