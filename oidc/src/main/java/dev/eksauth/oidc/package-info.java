/**
 * OIDC for EKS: {@link dev.eksauth.oidc.OidcVerifier} verifies ID tokens as an EKS OIDC identity
 * provider does and maps them to a Kubernetes user; {@link dev.eksauth.oidc.StructuredOidcVerifier}
 * does so as kube-apiserver does with an {@link dev.eksauth.oidc.AuthenticationConfiguration}
 * (several issuers, CEL claim validation, mappings and user validation); and
 * {@link dev.eksauth.oidc.ServiceAccountClaims} reads projected service-account tokens.
 *
 * <p>Time rules are Kubernetes': {@code exp} is required and has no leeway, {@code nbf} may be ahead
 * of the clock by a configurable skew, and {@code iat} is not checked. Usernames and groups starting
 * with {@code system:} are refused unless the verifier allows them ({@link dev.eksauth.oidc.SystemNames}).
 *
 * <p>Every error is an {@link dev.eksauth.oidc.OidcException}: a refused token is an
 * {@link dev.eksauth.oidc.InvalidOidcTokenException}, an issuer whose keys cannot be had an
 * {@link dev.eksauth.oidc.IssuerUnavailableException}, a configuration file that cannot be used an
 * {@link dev.eksauth.oidc.InvalidAuthenticationConfigurationException}. The module needs eksauth-core,
 * Nimbus JOSE+JWT, Jackson, SnakeYAML and CEL for Java (loaded only for expressions): neither
 * eksauth-token nor the AWS SDK.
 */
package dev.eksauth.oidc;
