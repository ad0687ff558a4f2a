/**
 * OIDC for EKS: {@link dev.eksauth.oidc.OidcVerifier} verifies ID tokens as an EKS OIDC identity
 * provider does and maps them to a Kubernetes user, and {@link dev.eksauth.oidc.ServiceAccountClaims}
 * reads projected service-account tokens. Every error is an {@link dev.eksauth.oidc.OidcException}.
 * Needs only eksauth-core, Nimbus JOSE+JWT and Jackson: neither eksauth-token nor the AWS SDK.
 */
package dev.eksauth.oidc;
