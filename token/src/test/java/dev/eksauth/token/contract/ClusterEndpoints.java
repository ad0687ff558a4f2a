package dev.eksauth.token.contract;

import java.net.URI;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of API server endpoints for the properties of cluster client builders. */
public final class ClusterEndpoints {
    private ClusterEndpoints() {
    }

    /** {@code https} endpoints without a trailing slash: host names, optional ports and paths. */
    public static Arbitrary<URI> https() {
        Arbitrary<String> label = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789").ofMinLength(1)
                .ofMaxLength(12);
        // A host name's last label starts with a letter (else java.net.URI reads it as a bad IPv4 address).
        Arbitrary<String> topLabel = Combinators.combine(Arbitraries.chars().range('a', 'z'), label.injectNull(0.3))
                .as((c, rest) -> c + (rest == null ? "" : rest));
        Arbitrary<String> host = Combinators.combine(label.list().ofMaxSize(4), topLabel)
                .as((l, top) -> l.isEmpty() ? top : String.join(".", l) + "." + top);
        Arbitrary<String> port = Arbitraries.integers().between(1, 65535).map(p -> ":" + p).injectNull(0.5)
                .map(p -> p == null ? "" : p);
        Arbitrary<String> path = label.list().ofMaxSize(3).map(l -> l.isEmpty() ? "" : "/" + String.join("/", l));
        return Combinators.combine(host, port, path).as((h, p, s) -> URI.create("https://" + h + p + s));
    }

    /** Schemes other than {@code https}. */
    public static Arbitrary<String> otherSchemes() {
        return Arbitraries.of("http", "ws", "wss", "ftp", "file", "httpx");
    }
}
