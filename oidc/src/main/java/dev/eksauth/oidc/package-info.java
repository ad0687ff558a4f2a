/**
 * OIDC for EKS: {@link dev.eksauth.oidc.OidcVerifier} verifies ID tokens as an EKS OIDC identity
 * provider does and maps them to a Kubernetes user, {@link dev.eksauth.oidc.ServiceAccountClaims}
 * reads projected service-account tokens, and {@link dev.eksauth.oidc.WebIdentityCredentialsProvider}
 * with {@link dev.eksauth.oidc.WebIdentity} turns a web-identity token (IRSA) into AWS credentials
 * and EKS tokens. Every error is an {@link dev.eksauth.oidc.OidcException}.
 */
package dev.eksauth.oidc;
