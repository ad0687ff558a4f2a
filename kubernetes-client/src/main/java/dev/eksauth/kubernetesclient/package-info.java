/**
 * EKS connections for the official Kubernetes Java client:
 * {@link dev.eksauth.kubernetesclient.EksKubernetesClient} builds an {@code ApiClient} for a cluster,
 * and {@link dev.eksauth.kubernetesclient.EksAuthentication} sets a fresh EKS token on every request.
 */
package dev.eksauth.kubernetesclient;
