package dev.eksauth.authz.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import dev.eksauth.core.UntrustedText;

/** Typed access to a loaded YAML or JSON mapping; wrong shapes are {@link Refused}. Not public API. */
final class Fields {
    private final Map<?, ?> map;
    private final String where;

    private Fields(Map<?, ?> map, String where) {
        this.map = map;
        this.where = where;
    }

    static Fields of(Object value, String where) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new Refused(where + " must be a mapping");
        }
        return new Fields(m, where);
    }

    /** Warns about keys outside the known ones. */
    Fields known(Set<String> keys, Consumer<String> warn) {
        for (Object k : map.keySet()) {
            if (!keys.contains(String.valueOf(k))) {
                warn.accept((where.isEmpty() ? "" : where + ": ") + "unknown field '" + UntrustedText.quote(String.valueOf(k))
                        + "' ignored");
            }
        }
        return this;
    }

    boolean has(String key) {
        return map.get(key) != null;
    }

    String string(String key) {
        Object v = map.get(key);
        if (v == null) {
            return "";
        }
        if (!(v instanceof String s)) {
            throw new Refused(name(key) + " must be a string");
        }
        return s;
    }

    String required(String key) {
        String s = string(key);
        if (s.isEmpty()) {
            throw new Refused(name(key) + " is required");
        }
        return s;
    }

    Fields object(String key) {
        Object v = map.get(key);
        return v == null ? new Fields(Map.of(), name(key)) : of(v, name(key));
    }

    List<String> strings(String key) {
        Object v = map.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw new Refused(name(key) + " must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof String s)) {
                throw new Refused(name(key) + " must be a list of strings");
            }
            out.add(s);
        }
        return out;
    }

    List<?> list(String key) {
        Object v = map.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw new Refused(name(key) + " must be a list");
        }
        return list;
    }

    Map<String, String> stringMap(String key) {
        Object v = map.get(key);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw new Refused(name(key) + " must be a mapping of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, value) -> {
            if (!(k instanceof String ks) || !(value instanceof String vs)) {
                throw new Refused(name(key) + " must map strings to strings");
            }
            out.put(ks, vs);
        });
        return out;
    }

    String name(String key) {
        return where.isEmpty() ? key : where + "." + key;
    }
}
