package dev.eksauth.core;

/**
 * The JWS signature algorithms eksauth accepts for OIDC ID tokens: what an EKS identity provider
 * allows. {@code none} and the HMAC algorithms are not here, so they can never be allowed. The
 * constant names are the JWS {@code alg} values. Used by the oidc verifier and the testkit's issuer.
 */
public enum SigningAlgorithm {
    /** RSASSA-PKCS1-v1_5 with SHA-256: the default. */
    RS256,
    /** RSASSA-PKCS1-v1_5 with SHA-384. */
    RS384,
    /** RSASSA-PKCS1-v1_5 with SHA-512. */
    RS512,
    /** ECDSA on P-256 with SHA-256. */
    ES256,
    /** ECDSA on P-384 with SHA-384. */
    ES384,
    /** ECDSA on P-521 with SHA-512. */
    ES512,
    /** RSASSA-PSS with SHA-256. */
    PS256,
    /** RSASSA-PSS with SHA-384. */
    PS384,
    /** RSASSA-PSS with SHA-512. */
    PS512
}
