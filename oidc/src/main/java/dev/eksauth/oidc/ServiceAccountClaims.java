package dev.eksauth.oidc;

import java.util.Map;
import java.util.Objects;

import dev.eksauth.core.UntrustedText;

/**
 * What a projected Kubernetes service-account token says about its holder: the {@code kubernetes.io}
 * claim, checked against {@code sub}.
 *
 * <p>Immutable and thread-safe. Absent optional parts (pod, node) are empty strings.
 *
 * @param namespace the service account's namespace
 * @param name the service account's name
 * @param uid the service account's uid
 * @param podName the pod the token was issued for, or empty
 * @param podUid that pod's uid, or empty
 * @param nodeName the node the pod runs on, or empty
 * @param nodeUid that node's uid, or empty
 */
public record ServiceAccountClaims(String namespace, String name, String uid, String podName, String podUid,
        String nodeName, String nodeUid) {
    /** The prefix of a service account's username and token subject. */
    public static final String SUBJECT_PREFIX = "system:serviceaccount:";

    /** Checks the components: namespace and name must not be empty; nothing may be null. */
    public ServiceAccountClaims {
        for (String s : new String[] {namespace, name, uid, podName, podUid, nodeName, nodeUid}) {
            Objects.requireNonNull(s, "service-account claim");
        }
        if (namespace.isEmpty() || name.isEmpty()) {
            throw new IllegalArgumentException("namespace and name must not be empty");
        }
    }

    /** {@code system:serviceaccount:<namespace>:<name>}: the token's {@code sub} and Kubernetes username. */
    public String subject() {
        return SUBJECT_PREFIX + namespace + ":" + name;
    }

    /** Whether the token belongs to this service account. */
    public boolean isFor(String namespace, String name) {
        return this.namespace.equals(namespace) && this.name.equals(name);
    }

    /**
     * Reads the {@code kubernetes.io} claim of a verified token.
     *
     * @throws InvalidOidcTokenException with reason {@code SERVICE_ACCOUNT} when the claim is missing
     *     or malformed, or {@code sub} is not {@code system:serviceaccount:<namespace>:<name>}
     */
    public static ServiceAccountClaims from(OidcIdentity identity) {
        Map<?, ?> k8s = object(identity.claims().get("kubernetes.io"), "kubernetes.io");
        Map<?, ?> account = object(k8s.get("serviceaccount"), "kubernetes.io.serviceaccount");
        Map<?, ?> pod = optionalObject(k8s.get("pod"), "kubernetes.io.pod");
        Map<?, ?> node = optionalObject(k8s.get("node"), "kubernetes.io.node");
        String namespace = text(k8s, "namespace", true);
        String name = text(account, "name", true);
        ServiceAccountClaims claims = new ServiceAccountClaims(namespace, name, text(account, "uid", false),
                text(pod, "name", false), text(pod, "uid", false), text(node, "name", false), text(node, "uid", false));
        if (!claims.subject().equals(identity.subject())) {
            throw refused("sub '" + UntrustedText.quote(identity.subject()) + "' does not name the service account "
                    + claims.subject());
        }
        return claims;
    }

    private static Map<?, ?> object(Object value, String what) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw refused(value == null ? "the token has no " + what + " claim" : what + " is not a JSON object");
    }

    private static Map<?, ?> optionalObject(Object value, String what) {
        return value == null ? Map.of() : object(value, what);
    }

    private static String text(Map<?, ?> map, String key, boolean required) {
        Object value = map.get(key);
        if (value == null && !required) {
            return "";
        }
        if (value instanceof String s && !(required && s.isEmpty())) {
            return s;
        }
        throw refused("service-account claim '" + key + "' is " + (value == null ? "missing" : "not a non-empty string"));
    }

    private static InvalidOidcTokenException refused(String message) {
        return new InvalidOidcTokenException(InvalidOidcTokenException.Reason.SERVICE_ACCOUNT, message);
    }
}
