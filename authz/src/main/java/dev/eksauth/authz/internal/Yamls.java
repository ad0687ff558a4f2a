package dev.eksauth.authz.internal;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * SnakeYAML set up for untrusted manifests with the limits mapping's aws-auth reader uses: the safe
 * constructor, no custom tags, few aliases, a size cap, no duplicate keys, bounded nesting, and
 * plain scalars read as strings (so a label value {@code true} stays the string Kubernetes
 * requires). Not public API.
 */
public final class Yamls {
    /** The largest file accepted, in code points. */
    public static final int MAX_DOCUMENT = 8 * 1024 * 1024;
    private static final int MAX_ALIASES = 50;

    private Yamls() {
    }

    /** A loader for one file; {@link Yaml#loadAll(String)} reads its documents one by one. */
    public static Yaml loader() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_DOCUMENT);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(50);
        options.setTagInspector(tag -> false);
        DumperOptions dumper = new DumperOptions();
        return new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options, new StringsOnly());
    }

    /** Resolves plain scalars to strings, except the empty value and {@code null}/{@code ~}. */
    private static final class StringsOnly extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(Tag.NULL, EMPTY, null);
        }
    }
}
