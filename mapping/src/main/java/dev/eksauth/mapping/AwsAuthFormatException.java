package dev.eksauth.mapping;

/**
 * An aws-auth ConfigMap cannot be read: not YAML or JSON, too large, too many aliases, a
 * disallowed tag, or not a ConfigMap. The message says which; it never includes the document.
 */
public final class AwsAuthFormatException extends MappingException {
    private static final long serialVersionUID = 1L;

    AwsAuthFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
