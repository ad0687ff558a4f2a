package dev.eksauth.eks;

/**
 * The base of every error the eks module reports: the EKS API did not give what was asked. Two
 * families, as in every eksauth module:
 * <ul>
 *   <li>{@link InvalidEksRequestException}: the request or the caller's credentials are wrong, and
 *       the same request fails the same way: a cluster that does not exist
 *       ({@link ClusterNotFoundException}), a permission the caller lacks
 *       ({@link EksAccessDeniedException}), a cluster that is not {@code ACTIVE}
 *       ({@link ClusterNotActiveException}), a parameter EKS refused;</li>
 *   <li>{@link EksUnavailableException}: EKS could not be reached or failed, or, as
 *       {@link EksThrottledException}, it throttled the caller, after the SDK's retries. Retry later.</li>
 * </ul>
 * A wrong argument to a setter is an {@link IllegalArgumentException}, a builder missing a setting
 * an {@link IllegalStateException}. Messages are one line, name the cluster and the EKS operation,
 * and never contain a credential.
 */
public abstract sealed class EksException extends RuntimeException
        permits InvalidEksRequestException, EksUnavailableException {
    private static final long serialVersionUID = 1L;

    EksException(String message, Throwable cause) {
        super(message, cause);
    }
}
