package dev.eksauth.webidentity;

import java.util.Optional;

/**
 * The base of every error the web-identity module reports: a web identity could not be turned into
 * AWS credentials. Two families, named as in every eksauth module:
 * <ul>
 *   <li>{@link InvalidWebIdentityException}: a setting read from the environment is missing or
 *       malformed, the token cannot be read or is not a token, or STS refused it. Its
 *       {@code reason()} says which. Retrying with the same settings and token will not help;</li>
 *   <li>{@link WebIdentityUnavailableException}: STS could not be reached, failed, or could not
 *       reach the identity provider; or, as {@link WebIdentityThrottledException}, it throttled the
 *       caller. Retry later.</li>
 * </ul>
 * Misuse of a builder is an {@link IllegalArgumentException} (a setter) or an
 * {@link IllegalStateException} ({@code build()}) instead, never this.
 *
 * <p>Callers catch this base type or a family; tests assert the subclass. Messages name the file,
 * the variable or the role at fault, and for STS answers the STS error code; neither they nor the
 * cause contain the token.
 */
public abstract sealed class WebIdentityException extends RuntimeException
        permits InvalidWebIdentityException, WebIdentityUnavailableException {
    private static final long serialVersionUID = 1L;

    private final String stsErrorCode;

    WebIdentityException(String message, String stsErrorCode, Throwable cause) {
        super(message, cause);
        this.stsErrorCode = stsErrorCode;
    }

    /**
     * The error code of STS's answer, e.g. {@code InvalidIdentityToken} or {@code Throttling}, when
     * STS answered with one.
     */
    public Optional<String> stsErrorCode() {
        return Optional.ofNullable(stsErrorCode);
    }
}
