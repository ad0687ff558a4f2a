/**
 * Web identity for AWS and EKS: {@link dev.eksauth.webidentity.WebIdentityCredentialsProvider}
 * exchanges a web-identity token (an OIDC ID token; in EKS with IAM roles for service accounts, the
 * pod's projected service-account token) for AWS credentials through STS
 * AssumeRoleWithWebIdentity, {@link dev.eksauth.webidentity.WebIdentitySettings} reads the IRSA
 * environment, and {@link dev.eksauth.webidentity.WebIdentity} turns the role session into EKS
 * tokens. Every error is a {@link dev.eksauth.webidentity.WebIdentityException}.
 */
package dev.eksauth.webidentity;
