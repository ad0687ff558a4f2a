package dev.eksauth.cli.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.eksauth.core.CallerIdentity;
import dev.eksauth.core.KubernetesUser;

/** The JSON that commands print. Not public API. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** An identity: arn, canonicalArn, accountId, userId, sessionName (or null), accessKeyId, stsEndpoint. */
    static ObjectNode identity(CallerIdentity identity) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("arn", identity.arn().toString());
        node.put("canonicalArn", identity.canonicalArn().toString());
        node.put("accountId", identity.accountId());
        node.put("userId", identity.userId());
        node.put("sessionName", identity.sessionName().orElse(null));
        node.put("accessKeyId", identity.accessKeyId());
        node.put("stsEndpoint", identity.stsEndpoint());
        return node;
    }

    /** A Kubernetes user: username, uid, groups, extra (its record components, in order). */
    static ObjectNode user(KubernetesUser user) {
        return MAPPER.valueToTree(user);
    }

    /** Indented JSON for people and machines alike. */
    static String pretty(Object node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
