/**
 * The EKS API: clusters by name ({@link dev.eksauth.eks.EksClusters},
 * {@link dev.eksauth.eks.EksCluster}), access entries loaded into authz's model and refreshed
 * ({@link dev.eksauth.eks.AccessEntrySource}), the mapper that maps through them
 * ({@link dev.eksauth.eks.AccessEntryMapper}), authentication modes
 * ({@link dev.eksauth.eks.AuthenticationMode}, {@link dev.eksauth.eks.ClusterModeMapper}), and the
 * migration off the aws-auth ConfigMap ({@link dev.eksauth.eks.MigrationPlan}). Errors are
 * {@link dev.eksauth.eks.EksException}s.
 */
package dev.eksauth.eks;
