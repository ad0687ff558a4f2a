package dev.eksauth.cli.internal;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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

    /** A Kubernetes user: username, uid, groups, extra. */
    static ObjectNode user(KubernetesUser user) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("username", user.username());
        node.put("uid", user.uid());
        ArrayNode groups = node.putArray("groups");
        user.groups().forEach(groups::add);
        ObjectNode extra = node.putObject("extra");
        for (Map.Entry<String, List<String>> e : user.extra().entrySet()) {
            ArrayNode values = extra.putArray(e.getKey());
            e.getValue().forEach(values::add);
        }
        return node;
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
