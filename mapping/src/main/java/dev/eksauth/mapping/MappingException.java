package dev.eksauth.mapping;

/**
 * The base of the mapping module's errors: an aws-auth document that cannot be read at all
 * ({@link AwsAuthFormatException}). Bad entries inside a readable document are not exceptions but
 * {@link AwsAuthProblem}s, so the good entries are kept.
 */
public abstract sealed class MappingException extends RuntimeException permits AwsAuthFormatException {
    private static final long serialVersionUID = 1L;

    MappingException(String message, Throwable cause) {
        super(message, cause);
    }
}
