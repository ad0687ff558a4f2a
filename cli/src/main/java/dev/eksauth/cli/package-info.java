/**
 * The {@code eksauth} command: EKS tokens for kubectl, token verification, aws-auth mapping, a
 * TokenReview webhook server, a loopback STS and a demo. {@link dev.eksauth.cli.Main} is the entry
 * point; everything else lives in {@code dev.eksauth.cli.internal} and is not public API.
 */
package dev.eksauth.cli;
