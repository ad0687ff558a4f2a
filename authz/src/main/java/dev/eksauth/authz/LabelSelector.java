package dev.eksauth.authz;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Kubernetes label selector, as a ClusterRole's {@code aggregationRule.clusterRoleSelectors}
 * holds it: every {@code matchLabels} pair and every {@code matchExpressions} requirement must hold.
 * A selector with neither matches every object, as in Kubernetes. Immutable and thread-safe.
 *
 * @param matchLabels labels that must be present with these values
 * @param matchExpressions requirements that must all hold
 */
public record LabelSelector(Map<String, String> matchLabels, List<Requirement> matchExpressions) {

    /** Copies the components. */
    public LabelSelector {
        matchLabels = Map.copyOf(matchLabels);
        matchExpressions = List.copyOf(matchExpressions);
    }

    /** Whether an object with these labels is selected. */
    public boolean matches(Map<String, String> labels) {
        for (Map.Entry<String, String> e : matchLabels.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (Requirement r : matchExpressions) {
            if (!r.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    /** The operators of a {@link Requirement}. */
    public enum Operator {
        /** The label is present with one of the values. */
        IN,
        /** The label is absent, or present with none of the values. */
        NOT_IN,
        /** The label is present. */
        EXISTS,
        /** The label is absent. */
        DOES_NOT_EXIST
    }

    /**
     * One {@code matchExpressions} entry. Immutable and thread-safe.
     *
     * @param key the label key
     * @param operator the operator
     * @param values the values ({@code In}, {@code NotIn}); empty for {@code Exists} and {@code DoesNotExist}
     */
    public record Requirement(String key, Operator operator, List<String> values) {
        /** Checks and copies the components. */
        public Requirement {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(operator, "operator");
            values = List.copyOf(values);
        }

        /** Whether the labels meet the requirement. */
        public boolean matches(Map<String, String> labels) {
            String value = labels.get(key);
            switch (operator) {
                case IN:
                    return value != null && values.contains(value);
                case NOT_IN:
                    return value == null || !values.contains(value);
                case EXISTS:
                    return value != null;
                case DOES_NOT_EXIST:
                    return value == null;
                default:
                    throw new AssertionError(operator);
            }
        }
    }
}
