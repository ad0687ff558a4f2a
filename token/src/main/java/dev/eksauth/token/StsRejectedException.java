package dev.eksauth.token;

import java.util.Optional;

/**
 * STS refused the token: a wrong signature (for instance a token made for another cluster id), an
 * unknown or expired credential. Not retried: the same token will be refused again.
 */
public final class StsRejectedException extends InvalidTokenException {
    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final String errorCode;

    /**
     * Creates the exception.
     *
     * @param statusCode the HTTP status STS answered
     * @param errorCode STS's error code, e.g. {@code SignatureDoesNotMatch}, or null when it gave none
     * @param message what happened, without the token
     */
    public StsRejectedException(int statusCode, String errorCode, String message) {
        super(message);
        this.statusCode = statusCode;
        this.errorCode = errorCode;
    }

    /** The HTTP status STS answered. */
    public int statusCode() {
        return statusCode;
    }

    /** STS's error code, e.g. {@code SignatureDoesNotMatch} or {@code InvalidClientTokenId}. */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }
}
