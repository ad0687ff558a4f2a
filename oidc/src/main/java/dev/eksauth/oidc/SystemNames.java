package dev.eksauth.oidc;

/**
 * Whether an OIDC identity may have a username or a group that starts with {@code system:}, the
 * prefix Kubernetes reserves for its own identities ({@code system:masters} is allowed everything
 * before RBAC is consulted; {@code system:admin}, {@code system:node:*},
 * {@code system:serviceaccount:*} name cluster components).
 *
 * <p>eksauth refuses them by default ({@link #REFUSE}), unlike kube-apiserver, which accepts any name
 * a JWT authenticator's mappings produce unless the administrator adds a user validation rule
 * such as {@code !user.username.startsWith('system:')} (its documentation's example) or a prefix.
 * An EKS identity provider refuses prefixes that contain {@code system:}, but not claim values that
 * start with it when no prefix applies (an {@code email} claim, or prefix {@code -}). One
 * forgotten rule or prefix lets whoever controls a claim at the identity provider become a cluster
 * administrator; eksauth makes that a decision written in code ({@link #ALLOW}) instead.
 */
public enum SystemNames {
    /** A username or group starting with {@code system:} refuses the token ({@code SYSTEM_NAME}). The default. */
    REFUSE,
    /** Such names are accepted, as kube-apiserver does; use only for an issuer you trust with them. */
    ALLOW
}
