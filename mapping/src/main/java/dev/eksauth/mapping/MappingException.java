package dev.eksauth.mapping;

/**
 * The base of the mapping module's errors. Two families, as in every eksauth module:
 * <ul>
 *   <li><em>invalid</em> input: an aws-auth document that cannot be read at all
 *       ({@link AwsAuthFormatException}), a webhook request that is not a TokenReview
 *       ({@link InvalidTokenReviewException}); the same input fails the same way;</li>
 *   <li><em>unavailable</em>: a mapping source is down ({@link MappingUnavailableException});
 *       retrying later may succeed.</li>
 * </ul>
 * Bad entries inside a readable aws-auth are not exceptions but {@link AwsAuthProblem}s, so the
 * good entries are kept. A wrong argument to a method or builder is an
 * {@link IllegalArgumentException}, a bad combination of builder settings an
 * {@link IllegalStateException}. Messages never contain a token or a credential.
 */
public abstract sealed class MappingException extends RuntimeException
        permits AwsAuthFormatException, InvalidTokenReviewException, MappingUnavailableException {
    private static final long serialVersionUID = 1L;

    MappingException(String message, Throwable cause) {
        super(message, cause);
    }
}
