/**
 * eksauth kubernetes-client module. See the project README for what it offers.
 */
package dev.eksauth.kubernetesclient;
