package dev.eksauth.cli.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Merges a cluster, a user and a context into a kubeconfig file as {@code aws eks update-kubeconfig}
 * does: every other cluster, user and context is kept as it is, entries of the same name are
 * replaced, and {@code current-context} is set. A new file is created with mode 0600; an existing
 * one keeps its mode. The file is read with SnakeYAML's safe constructor and limits. Not public API.
 */
final class KubeconfigMerge {
    private static final int MAX_FILE = 8 * 1024 * 1024;

    private KubeconfigMerge() {
    }

    /** Which file to merge into: the option, else the first file of {@code KUBECONFIG}, else {@code ~/.kube/config}. */
    static Path target(Path option, Console console) {
        if (option != null) {
            return option;
        }
        String list = console.env("KUBECONFIG");
        if (list != null) {
            for (String p : list.split(java.io.File.pathSeparator)) {
                if (!p.isBlank()) {
                    return Path.of(p);
                }
            }
        }
        String home = console.env("HOME") != null ? console.env("HOME") : console.env("USERPROFILE");
        if (home == null) {
            throw new CliException(ExitCode.INPUT, "cannot find the kubeconfig: set --kubeconfig, KUBECONFIG or HOME");
        }
        return Path.of(home, ".kube", "config");
    }

    /** The file's document, or a new empty Config when there is no file. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return empty();
        } catch (IOException e) {
            throw new CliException(ExitCode.INPUT, "cannot read kubeconfig " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_FILE);
        options.setMaxAliasesForCollections(50);
        options.setAllowDuplicateKeys(false);
        options.setNestingDepthLimit(50);
        Object doc;
        try {
            doc = new Yaml(new SafeConstructor(options)).load(text);
        } catch (YAMLException e) {
            throw new CliException(ExitCode.INPUT, "kubeconfig " + file + " is not YAML: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        if (doc == null) {
            return empty();
        }
        if (!(doc instanceof Map<?, ?>)) {
            throw new CliException(ExitCode.INPUT, "kubeconfig " + file + " is not a mapping");
        }
        return new LinkedHashMap<>((Map<String, Object>) doc);
    }

    /** Puts the entries (replacing those of the same names) and sets the current context. */
    static Map<String, Object> merge(Map<String, Object> config, String clusterName, Map<String, Object> cluster,
            String userName, Map<String, Object> user, String contextName) {
        put(config, "clusters", clusterName, "cluster", cluster);
        put(config, "users", userName, "user", user);
        put(config, "contexts", contextName, "context", Kubeconfigs.map("cluster", clusterName, "user", userName));
        config.put("current-context", contextName);
        return config;
    }

    /** Whether the file has a context of this name. */
    static boolean hasContext(Map<String, Object> config, String name) {
        return config.get("contexts") instanceof List<?> l && l.stream()
                .anyMatch(e -> e instanceof Map<?, ?> m && name.equals(m.get("name")));
    }

    private static void put(Map<String, Object> config, String list, String name, String key, Map<String, Object> value) {
        Object existing = config.get(list);
        if (existing != null && !(existing instanceof List<?>)) {
            throw new CliException(ExitCode.INPUT, "the kubeconfig's " + list + " is not a list");
        }
        List<Object> entries = existing == null ? new ArrayList<>() : new ArrayList<>((List<?>) existing);
        Map<String, Object> entry = Kubeconfigs.named(name, key, value);
        boolean replaced = false;
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i) instanceof Map<?, ?> m && name.equals(m.get("name"))) {
                entries.set(i, entry);
                replaced = true;
            }
        }
        if (!replaced) {
            entries.add(entry);
        }
        config.put(list, entries);
    }

    /** Writes the file atomically: an existing file keeps its mode, a new one gets 0600. */
    static void write(Path file, String text) {
        Path absolute = file.toAbsolutePath();
        try {
            Files.createDirectories(absolute.getParent());
            Set<PosixFilePermission> mode = null;
            boolean posix = Files.getFileAttributeView(absolute.getParent(), PosixFileAttributeView.class) != null;
            if (posix) {
                mode = Files.exists(absolute) ? Files.getPosixFilePermissions(absolute)
                        : PosixFilePermissions.fromString("rw-------");
            }
            Path temporary = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".tmp");
            try {
                Files.writeString(temporary, text, StandardCharsets.UTF_8);
                if (mode != null) {
                    Files.setPosixFilePermissions(temporary, mode);
                }
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new CliException(ExitCode.INPUT, "cannot write kubeconfig " + file + " (" + e.getClass().getSimpleName()
                    + ": " + e.getMessage() + ")");
        }
    }

    private static Map<String, Object> empty() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("apiVersion", "v1");
        config.put("kind", "Config");
        config.put("clusters", new ArrayList<>());
        config.put("contexts", new ArrayList<>());
        config.put("current-context", "");
        config.put("preferences", new LinkedHashMap<>());
        config.put("users", new ArrayList<>());
        return config;
    }
}
