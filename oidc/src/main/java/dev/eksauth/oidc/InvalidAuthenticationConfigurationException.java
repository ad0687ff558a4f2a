package dev.eksauth.oidc;

import java.util.List;

/**
 * An {@link AuthenticationConfiguration} file cannot be used: it cannot be read, is not YAML or
 * JSON of the right shape, or breaks a rule kube-apiserver checks at start-up. Fix the file; reading
 * it again will not help.
 *
 * <p>{@link #problems()} lists every problem found, each starting with the field path
 * ({@code jwt[0].issuer.url: ...}); the message joins them. Neither holds a secret: a certificate
 * authority is never shown.
 */
public final class InvalidAuthenticationConfigurationException extends OidcException {
    private static final long serialVersionUID = 1L;

    /** Kept as an unmodifiable {@link List#copyOf} copy, which is serializable. */
    private final List<String> problems;

    /**
     * Creates the exception.
     *
     * @param problems what is wrong, each naming its field; at least one
     */
    public InvalidAuthenticationConfigurationException(List<String> problems) {
        super(message(problems), null);
        this.problems = List.copyOf(problems);
    }

    /** What is wrong, one problem per entry, each naming its field. */
    public List<String> problems() {
        return problems;
    }

    private static String message(List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("problems must not be empty");
        }
        return problems.size() == 1 ? "invalid authentication configuration: " + problems.get(0)
                : "invalid authentication configuration (" + problems.size() + " problems): " + String.join("; ", problems);
    }
}
