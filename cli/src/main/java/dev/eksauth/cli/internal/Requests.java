package dev.eksauth.cli.internal;

import dev.eksauth.authz.AccessRequest;
import dev.eksauth.authz.NonResourceRequest;
import dev.eksauth.authz.ResourceRequest;

/** Reads {@code VERB TYPE[.GROUP][/NAME]} and {@code VERB /PATH} as kubectl auth can-i does. Not public API. */
final class Requests {
    private Requests() {
    }

    static AccessRequest parse(String verb, String resource, String namespace, String subresource) {
        if (resource.startsWith("/")) {
            if (!namespace.isEmpty() || !subresource.isEmpty()) {
                throw new CliException(ExitCode.USAGE, "a non-resource path takes neither -n nor --subresource");
            }
            return new NonResourceRequest(verb, resource);
        }
        String name = "";
        String type = resource;
        int slash = resource.indexOf('/');
        if (slash >= 0) {
            name = resource.substring(slash + 1);
            type = resource.substring(0, slash);
        }
        int dot = type.indexOf('.');
        String group = dot < 0 ? "" : type.substring(dot + 1);
        String plural = dot < 0 ? type : type.substring(0, dot);
        if (plural.isEmpty() || verb.isEmpty() || name.contains("/")) {
            throw new CliException(ExitCode.USAGE, "expected VERB TYPE[.GROUP][/NAME] or VERB /PATH, got '" + verb + " "
                    + resource + "'");
        }
        return new ResourceRequest(verb, group, plural, subresource, name, namespace);
    }
}
