/**
 * OIDC for EKS: {@link dev.eksauth.oidc.OidcVerifier} verifies ID tokens as an EKS OIDC identity
 * provider does and maps them to a Kubernetes user, and {@link dev.eksauth.oidc.ServiceAccountClaims}
 * reads projected service-account tokens.
 *
 * <p>Time rules are Kubernetes': {@code exp} is required and has no leeway, {@code nbf} may be ahead
 * of the clock by a configurable skew, and {@code iat} is not checked.
 *
 * <p>Every error is an {@link dev.eksauth.oidc.OidcException}: a refused token is an
 * {@link dev.eksauth.oidc.InvalidOidcTokenException}, an issuer whose keys cannot be had an
 * {@link dev.eksauth.oidc.IssuerUnavailableException}. The module needs only eksauth-core, Nimbus
 * JOSE+JWT and Jackson: neither eksauth-token nor the AWS SDK.
 */
package dev.eksauth.oidc;
