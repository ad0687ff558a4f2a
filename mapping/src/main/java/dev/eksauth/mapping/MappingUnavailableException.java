package dev.eksauth.mapping;

/**
 * A mapping source (a file, a database, an API) cannot be consulted now. An {@link IdentityMapper}
 * throws it instead of answering "not found", and {@link MapperChain} turns it into an
 * {@link AuthenticationResult.Unavailable} (HTTP 503): the login may succeed later.
 * {@link FileAwsAuthMapper} throws it when its file cannot be read the first time.
 *
 * <p>The message says which source failed and how; it must not contain credentials.
 */
public final class MappingUnavailableException extends MappingException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which source failed and how, without secrets
     * @param cause the underlying failure, or null
     */
    public MappingUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
