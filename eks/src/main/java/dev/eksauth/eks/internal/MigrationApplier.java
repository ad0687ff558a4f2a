package dev.eksauth.eks.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.eksauth.authz.AccessEntries;
import dev.eksauth.authz.AccessEntry;
import dev.eksauth.authz.AccessPolicyAssociation;
import dev.eksauth.authz.AccessScope;
import dev.eksauth.eks.MigrationOutcome;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.AccessScopeType;
import software.amazon.awssdk.services.eks.model.AssociatedAccessPolicy;
import software.amazon.awssdk.services.eks.model.DescribeAccessEntryResponse;

/** Applies a migration plan through the SDK, creating only what is missing. Not public API. */
public final class MigrationApplier {
    private MigrationApplier() {
    }

    /** Applies the entries in order. */
    public static List<MigrationOutcome> apply(EksClient client, String cluster, String region, List<AccessEntry> entries) {
        List<MigrationOutcome> outcomes = new ArrayList<>();
        for (AccessEntry e : entries) {
            String principal = e.principalArn().toString();
            Optional<DescribeAccessEntryResponse> existing = describe(client, cluster, region, principal);
            if (existing.isPresent()) {
                String diff = difference(client, cluster, region, e, existing.get());
                outcomes.add(new MigrationOutcome(principal, diff.isEmpty() ? MigrationOutcome.Result.UNCHANGED
                        : MigrationOutcome.Result.CONFLICT, diff));
                continue;
            }
            call("CreateAccessEntry", cluster, region, () -> client.createAccessEntry(r -> {
                r.clusterName(cluster).principalArn(principal).type(e.type().name());
                e.username().ifPresent(r::username);
                if (!e.kubernetesGroups().isEmpty()) {
                    r.kubernetesGroups(e.kubernetesGroups());
                }
            }));
            for (AccessPolicyAssociation p : e.accessPolicies()) {
                call("AssociateAccessPolicy", cluster, region, () -> client.associateAccessPolicy(r -> r.clusterName(cluster)
                        .principalArn(principal).policyArn(p.policyArn()).accessScope(s -> {
                            s.type(p.accessScope().type() == AccessScope.Type.CLUSTER ? AccessScopeType.CLUSTER
                                    : AccessScopeType.NAMESPACE);
                            if (!p.accessScope().namespaces().isEmpty()) {
                                s.namespaces(p.accessScope().namespaces());
                            }
                        })));
            }
            outcomes.add(new MigrationOutcome(principal, MigrationOutcome.Result.CREATED, ""));
        }
        return outcomes;
    }

    private static Optional<DescribeAccessEntryResponse> describe(EksClient client, String cluster, String region,
            String principal) {
        try {
            return Optional.of(client.describeAccessEntry(r -> r.clusterName(cluster).principalArn(principal)));
        } catch (RuntimeException e) {
            if (SdkErrors.isNotFound(e)) {
                return Optional.empty();
            }
            throw SdkErrors.translate(e, "DescribeAccessEntry", cluster, region);
        }
    }

    private static String difference(EksClient client, String cluster, String region, AccessEntry planned,
            DescribeAccessEntryResponse existing) {
        var have = existing.accessEntry();
        List<String> diffs = new ArrayList<>();
        if (!planned.type().name().equals(have.type())) {
            diffs.add("type is " + have.type() + ", planned " + planned.type());
        }
        if (!planned.type().isNode()) {
            String want = AccessEntries.username(planned);
            if (!want.equals(have.username())) {
                diffs.add("username is " + have.username() + ", planned " + want);
            }
            Set<String> groups = new HashSet<>(have.hasKubernetesGroups() ? have.kubernetesGroups() : List.of());
            if (!groups.equals(new HashSet<>(planned.kubernetesGroups()))) {
                diffs.add("kubernetesGroups are " + groups + ", planned " + planned.kubernetesGroups());
            }
        }
        List<AssociatedAccessPolicy> policies = new ArrayList<>();
        call("ListAssociatedAccessPolicies", cluster, region, () -> {
            client.listAssociatedAccessPoliciesPaginator(r -> r.clusterName(cluster)
                    .principalArn(planned.principalArn().toString())).associatedAccessPolicies().forEach(policies::add);
            return null;
        });
        for (AccessPolicyAssociation p : planned.accessPolicies()) {
            boolean found = policies.stream().anyMatch(a -> a.policyArn().equals(p.policyArn())
                    && a.accessScope().typeAsString().equals(p.accessScope().type().name().toLowerCase(java.util.Locale.ROOT))
                    && new HashSet<>(a.accessScope().namespaces()).equals(new HashSet<>(p.accessScope().namespaces())));
            if (!found) {
                diffs.add("policy " + p.policyArn() + " at " + p.accessScope() + " is not associated");
            }
        }
        return String.join("; ", diffs);
    }

    private static <T> T call(String operation, String cluster, String region, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw SdkErrors.translate(e, operation, cluster, region);
        }
    }
}
