package dev.eksauth.token;

/**
 * Asks the user for the current code of an MFA device, when a role's trust policy requires MFA: a
 * plug-in of {@link AssumeRoleCredentialsProvider} and {@link ProfileRoleCredentialsProvider}, which
 * call it only when they actually assume the role (never for credentials they reuse).
 *
 * <pre>{@code
 * MfaCodeSource prompt = serial -> new String(System.console().readPassword("MFA code for %s: ", serial));
 * }</pre>
 *
 * <p>Implementations are called from the thread that resolves credentials, one call at a time per
 * provider.
 */
@FunctionalInterface
public interface MfaCodeSource {
    /**
     * The current code of a device.
     *
     * @param serialNumber the device's serial number or ARN ({@code mfa_serial}), e.g.
     *     {@code arn:aws:iam::111122223333:mfa/alice}
     * @return the code the device shows, six digits
     * @throws RuntimeException when no code can be had (no terminal, the user gave up): the
     *     provider's {@code resolveCredentials} fails with it
     */
    String mfaCode(String serialNumber);
}
