/**
 * Authorization, offline: Kubernetes RBAC objects and the decision the RBAC authorizer makes from
 * them, the default roles every cluster has, EKS access entries and access policies, and the
 * questions built on them ({@code can-i}, {@code who-can}, an audit).
 */
package dev.eksauth.authz;
