/**
 * EKS connections for the fabric8 Kubernetes client: {@link dev.eksauth.fabric8.EksFabric8} builds a
 * {@code Config} for a cluster, and {@link dev.eksauth.fabric8.EksOAuthTokenProvider} hands fabric8 a
 * fresh EKS token on every request.
 */
package dev.eksauth.fabric8;
