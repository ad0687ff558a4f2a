package dev.eksauth.core;

import static dev.eksauth.core.InvalidArnException.Reason.EMPTY_PARTITION;
import static dev.eksauth.core.InvalidArnException.Reason.EMPTY_RESOURCE;
import static dev.eksauth.core.InvalidArnException.Reason.EMPTY_SERVICE;
import static dev.eksauth.core.InvalidArnException.Reason.MISSING_PREFIX;
import static dev.eksauth.core.InvalidArnException.Reason.TOO_FEW_SECTIONS;
import static dev.eksauth.core.InvalidArnException.Reason.UNKNOWN_PARTITION;

import java.util.Objects;


/**
 * An Amazon Resource Name: {@code arn:partition:service:region:account-id:resource}.
 *
 * <p>The resource is everything after the fifth colon and may itself contain colons and slashes.
 * {@link #toString()} gives back the text that {@link #parse(String)} read, so the two round trip.
 * Immutable and thread-safe.
 *
 * @param partition the partition, never null
 * @param service the service, e.g. {@code iam}; never empty
 * @param region the region, possibly empty (IAM and STS principals have none)
 * @param accountId the account id, possibly empty
 * @param resource the resource, e.g. {@code role/admin}; never empty
 */
public record Arn(Partition partition, String service, String region, String accountId, String resource) {

    /**
     * Checks the sections.
     *
     * @throws NullPointerException when a section is null
     * @throws InvalidArnException when the service or resource is empty, or a section other than the
     *     resource contains a colon
     */
    public Arn {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(resource, "resource");
        if (service.isEmpty()) {
            throw new InvalidArnException(EMPTY_SERVICE, "ARN service must not be empty");
        }
        if (resource.isEmpty()) {
            throw new InvalidArnException(EMPTY_RESOURCE, "ARN resource must not be empty");
        }
        if (service.indexOf(':') >= 0 || region.indexOf(':') >= 0 || accountId.indexOf(':') >= 0) {
            throw new InvalidArnException(TOO_FEW_SECTIONS,
                    "ARN service, region and account id must not contain ':'");
        }
    }

    /**
     * Parses an ARN.
     *
     * @param text the ARN, e.g. {@code arn:aws:iam::123456789012:role/admin}
     * @return the parsed ARN
     * @throws InvalidArnException when the text is null, lacks the {@code arn:} prefix, has fewer than
     *     six sections, has an empty partition, service or resource, or names an unknown partition
     */
    public static Arn parse(String text) {
        if (text == null || !text.startsWith("arn:")) {
            throw new InvalidArnException(MISSING_PREFIX,
                    "ARN '" + UntrustedText.quote(text) + "' must start with 'arn:'");
        }
        String[] sections = new String[5];
        int start = 0;
        for (int i = 0; i < 5; i++) {
            int colon = text.indexOf(':', start);
            if (colon < 0) {
                throw new InvalidArnException(TOO_FEW_SECTIONS, "ARN '" + UntrustedText.quote(text)
                        + "' has too few sections; expected arn:partition:service:region:account-id:resource");
            }
            sections[i] = text.substring(start, colon);
            start = colon + 1;
        }
        String partitionId = sections[1];
        if (partitionId.isEmpty()) {
            throw new InvalidArnException(EMPTY_PARTITION, "ARN '" + UntrustedText.quote(text) + "' has an empty partition");
        }
        Partition partition = Partition.fromId(partitionId).orElseThrow(() -> new InvalidArnException(
                UNKNOWN_PARTITION, "ARN '" + UntrustedText.quote(text) + "' names unknown partition '"
                        + UntrustedText.quote(partitionId) + "'; expected one of " + Partition.knownIds()));
        if (sections[2].isEmpty()) {
            throw new InvalidArnException(EMPTY_SERVICE, "ARN '" + UntrustedText.quote(text) + "' has an empty service");
        }
        String resource = text.substring(start);
        if (resource.isEmpty()) {
            throw new InvalidArnException(EMPTY_RESOURCE, "ARN '" + UntrustedText.quote(text) + "' has an empty resource");
        }
        return new Arn(partition, sections[2], sections[3], sections[4], resource);
    }

    /** Returns the ARN in its text form, {@code arn:partition:service:region:account-id:resource}. */
    @Override
    public String toString() {
        return "arn:" + partition.id() + ':' + service + ':' + region + ':' + accountId + ':' + resource;
    }
}
