package dev.eksauth.mapping;

/**
 * A webhook request body is not a TokenReview that eksauth can answer: too large, not JSON, an
 * unknown apiVersion or kind, or no {@code spec.token} string. A webhook answers HTTP 400. The
 * message says what was expected; it never contains the token or the body.
 */
public final class InvalidTokenReviewException extends MappingException {
    private static final long serialVersionUID = 1L;

    InvalidTokenReviewException(String message) {
        super(message, null);
    }
}
