package dev.eksauth.mapping.internal;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * SnakeYAML set up for untrusted aws-auth documents: the safe constructor, no custom tags, few
 * aliases, a size cap, no duplicate keys, and every plain scalar read as a string (so account ids
 * keep their leading zeros and {@code yes} stays {@code yes}). Writing uses the standard resolver, so
 * strings that would read back as numbers or booleans are quoted. Not public API.
 */
public final class Yamls {
    /** The largest document accepted, in code points. */
    public static final int MAX_DOCUMENT = 8 * 1024 * 1024;
    private static final int MAX_ALIASES = 50;

    private Yamls() {
    }

    /**
     * Loads one YAML (or JSON) document.
     *
     * @throws YAMLException when it is not YAML, too large, has too many aliases or a disallowed tag
     */
    public static Object load(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_DOCUMENT);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(50);
        options.setTagInspector(tag -> false);
        DumperOptions dumper = new DumperOptions();
        Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options,
                new StringsOnly());
        return yaml.load(text);
    }

    /** Writes a value as block-style YAML. */
    public static String dump(Object value) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(0);
        options.setSplitLines(false);
        return new Yaml(options).dump(value);
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
