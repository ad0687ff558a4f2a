package dev.eksauth.eks.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.eksauth.authz.AccessEntry;
import dev.eksauth.authz.AccessPolicyAssociation;
import dev.eksauth.authz.AccessScope;
import dev.eksauth.eks.MigrationPlan;

/** A migration plan's JSON and AWS CLI forms. Not public API. */
public final class MigrationText {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=,@+-]+");

    private MigrationText() {
    }

    /** The offline access-entries JSON with an {@code unmigrated} array. */
    public static String json(MigrationPlan plan) {
        try {
            ObjectNode doc = (ObjectNode) JSON.readTree(plan.entries().toJson());
            ArrayNode left = doc.putArray("unmigrated");
            for (MigrationPlan.Unmigrated u : plan.unmigrated()) {
                left.addObject().put("source", u.source()).put("reason", u.reason());
            }
            return JSON.writeValueAsString(doc);
        } catch (IOException e) {
            throw new UncheckedIOException("the plan's own JSON did not read back", e);
        }
    }

    /** The AWS CLI commands, one a line. */
    public static List<String> awsCli(MigrationPlan plan, String cluster) {
        List<String> lines = new ArrayList<>();
        for (AccessEntry e : plan.entries().entries()) {
            StringBuilder b = new StringBuilder("aws eks create-access-entry --cluster-name ").append(quote(cluster))
                    .append(" --principal-arn ").append(quote(e.principalArn().toString()))
                    .append(" --type ").append(e.type().name());
            e.username().ifPresent(u -> b.append(" --username ").append(quote(u)));
            if (!e.kubernetesGroups().isEmpty()) {
                b.append(" --kubernetes-groups");
                e.kubernetesGroups().forEach(g -> b.append(' ').append(quote(g)));
            }
            lines.add(b.toString());
            for (AccessPolicyAssociation p : e.accessPolicies()) {
                AccessScope s = p.accessScope();
                String scope = s.type() == AccessScope.Type.CLUSTER ? "type=cluster"
                        : "type=namespace,namespaces=" + String.join(",", s.namespaces());
                lines.add("aws eks associate-access-policy --cluster-name " + quote(cluster) + " --principal-arn "
                        + quote(e.principalArn().toString()) + " --policy-arn " + quote(p.policyArn())
                        + " --access-scope " + quote(scope));
            }
        }
        return lines;
    }

    /** A POSIX shell word: as is when plain, else in single quotes. */
    static String quote(String s) {
        return PLAIN.matcher(s).matches() ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
