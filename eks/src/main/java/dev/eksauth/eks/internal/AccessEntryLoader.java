package dev.eksauth.eks.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.eksauth.authz.AccessEntries;
import dev.eksauth.authz.AccessEntry;
import dev.eksauth.authz.AccessEntryType;
import dev.eksauth.core.Arn;
import dev.eksauth.eks.EksException;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.AssociatedAccessPolicy;
import software.amazon.awssdk.services.eks.model.DescribeAccessEntryResponse;

/**
 * Loads a cluster's access entries from the EKS API into authz's model: ListAccessEntries (all
 * pages), then for each entry DescribeAccessEntry and ListAssociatedAccessPolicies (all pages), at
 * most {@code concurrency} entries at a time. The entries go through {@link AccessEntries#fromJson},
 * so an entry EKS gave that the model refuses is a problem and the others are kept. Not public API.
 */
public final class AccessEntryLoader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AccessEntryLoader() {
    }

    /**
     * Loads the entries.
     *
     * @throws EksException when a call fails (an entry deleted while loading is skipped)
     */
    public static AccessEntries load(EksClient client, String cluster, String region, int concurrency) {
        List<String> principals = new ArrayList<>();
        try {
            client.listAccessEntriesPaginator(r -> r.clusterName(cluster)).accessEntries().forEach(principals::add);
        } catch (RuntimeException e) {
            throw SdkErrors.translate(e, "ListAccessEntries", cluster, region);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(concurrency, principals.size())), r -> {
            Thread t = new Thread(r, "eksauth-access-entries");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Optional<ObjectNode>>> futures = new ArrayList<>();
            for (String principal : principals) {
                futures.add(pool.submit(() -> entry(client, cluster, region, principal)));
            }
            ObjectNode doc = JSON.createObjectNode();
            ArrayNode array = doc.putArray("accessEntries");
            for (Future<Optional<ObjectNode>> f : futures) {
                get(f).ifPresent(array::add);
            }
            return AccessEntries.fromJson(doc.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading access entries", e);
        }
    }

    private static Optional<ObjectNode> entry(EksClient client, String cluster, String region, String principal) {
        DescribeAccessEntryResponse described;
        List<AssociatedAccessPolicy> policies = new ArrayList<>();
        try {
            described = client.describeAccessEntry(r -> r.clusterName(cluster).principalArn(principal));
        } catch (RuntimeException e) {
            if (SdkErrors.isNotFound(e)) {
                return Optional.empty();
            }
            throw SdkErrors.translate(e, "DescribeAccessEntry", cluster, region);
        }
        try {
            client.listAssociatedAccessPoliciesPaginator(r -> r.clusterName(cluster).principalArn(principal))
                    .associatedAccessPolicies().forEach(policies::add);
        } catch (RuntimeException e) {
            if (SdkErrors.isNotFound(e)) {
                return Optional.empty();
            }
            throw SdkErrors.translate(e, "ListAssociatedAccessPolicies", cluster, region);
        }
        var entry = described.accessEntry();
        ObjectNode n = JSON.createObjectNode();
        n.put("principalArn", entry.principalArn());
        n.put("type", entry.type() == null ? "STANDARD" : entry.type());
        String username = entry.username();
        // EKS shows the username it sets for a node type; the model leaves it unset, as EKS takes it.
        if (!isNode(entry.type()) && username != null && !username.isEmpty() && !username.equals(defaultUsername(entry.principalArn(), entry.type()))) {
            n.put("username", username);
        }
        ArrayNode groups = n.putArray("kubernetesGroups");
        if (entry.hasKubernetesGroups()) {
            entry.kubernetesGroups().forEach(groups::add);
        }
        ArrayNode out = n.putArray("accessPolicies");
        for (AssociatedAccessPolicy p : policies) {
            ObjectNode a = out.addObject().put("policyArn", p.policyArn());
            ObjectNode scope = a.putObject("accessScope").put("type", p.accessScope().typeAsString());
            if (p.accessScope().hasNamespaces() && !p.accessScope().namespaces().isEmpty()) {
                ArrayNode ns = scope.putArray("namespaces");
                p.accessScope().namespaces().forEach(ns::add);
            }
        }
        return Optional.of(n);
    }

    private static boolean isNode(String type) {
        try {
            return type != null && AccessEntryType.valueOf(type).isNode();
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }

    /** The username EKS gives an entry created without one, so that it is not written back as set. */
    private static String defaultUsername(String principal, String type) {
        try {
            AccessEntryType t = type == null ? AccessEntryType.STANDARD : AccessEntryType.valueOf(type);
            return AccessEntries.username(new AccessEntry(Arn.parse(principal), t, Optional.empty(), List.of(), List.of()));
        } catch (RuntimeException unknownTypeOrArn) {
            return null;
        }
    }
}
