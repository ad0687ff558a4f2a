/**
 * eksauth mapping module. See the project README for what it offers.
 */
package dev.eksauth.mapping;
