/**
 * eksauth core module. See the project README for what it offers.
 */
package dev.eksauth.core;
