package dev.eksauth.core;

/**
 * Finds the private DNS name of an EC2 instance, for the {@code {{EC2PrivateDNSName}}} placeholder.
 *
 * <p>Implementations must be thread-safe: one resolver serves concurrent logins.
 */
@FunctionalInterface
public interface PrivateDnsNameResolver {

    /**
     * Returns the private DNS name of an instance, e.g. {@code ip-10-0-0-1.us-west-2.compute.internal}.
     *
     * @param instanceId an instance id, {@code i-} followed by hex digits
     * @return the instance's private DNS name, never empty
     * @throws PrivateDnsNameUnavailableException when the lookup could not be made now (the service
     *     is down, throttling or slow); the login may be retried
     * @throws RuntimeException when the instance is unknown or has no name; the template turns it into
     *     a {@link TemplateRenderException}, a denial
     */
    String privateDnsName(String instanceId);
}
