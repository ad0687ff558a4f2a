/**
 * eksauth fabric8 module. See the project README for what it offers.
 */
package dev.eksauth.fabric8;
