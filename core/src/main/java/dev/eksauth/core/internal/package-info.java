/** Implementation details of eksauth core; not public API. */
package dev.eksauth.core.internal;
