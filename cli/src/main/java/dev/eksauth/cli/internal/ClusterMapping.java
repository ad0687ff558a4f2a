package dev.eksauth.cli.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.eksauth.authz.AccessEntries;
import dev.eksauth.authz.AccessEntry;
import dev.eksauth.authz.Authorizer;
import dev.eksauth.core.CallerIdentity;
import dev.eksauth.core.CoreException;
import dev.eksauth.core.KubernetesUser;
import dev.eksauth.mapping.AuthenticationResult;
import dev.eksauth.mapping.AwsAuthConfig;
import dev.eksauth.mapping.AwsAuthMapper;
import dev.eksauth.mapping.MapperChain;
import dev.eksauth.mapping.RoleArnMatching;

/**
 * Maps an IAM identity as an EKS cluster in API_AND_CONFIG_MAP mode does: by its access entry when
 * it has one (aws-auth is then not consulted), else through aws-auth with its templates rendered;
 * the user gets the groups the API server adds. Says which reading of role ARNs with a path applied,
 * and what the other reading would have done. Not public API.
 */
final class ClusterMapping {
    /** The user (empty when the identity maps to none) and how it was found. */
    record Mapped(Optional<KubernetesUser> user, List<String> explanation) {
    }

    private ClusterMapping() {
    }

    static Mapped map(CallerIdentity identity, AccessEntries entries, Optional<AwsAuthConfig> awsAuth,
            RoleArnMatching matching) {
        List<String> why = new ArrayList<>();
        Optional<AccessEntry> entry = entries.find(identity.principal());
        if (entry.isPresent()) {
            why.add(identity.arn() + " has the access entry of " + entry.get().principalArn() + " (" + entry.get().type()
                    + "): it maps the identity, and aws-auth is not consulted (API_AND_CONFIG_MAP)");
            try {
                KubernetesUser user = entries.map(identity).orElseThrow();
                why.add("mapped to user " + user.username() + " with groups " + user.groups());
                return new Mapped(Optional.of(Authorizer.withAuthenticatedGroups(user)), why);
            } catch (CoreException e) {
                why.add("the entry's username cannot be rendered: " + e.getMessage());
                return new Mapped(Optional.empty(), why);
            }
        }
        if (awsAuth.isEmpty()) {
            why.add(identity.arn() + " has no access entry" + (entries.entries().isEmpty() ? "" : " of the " + entries.entries().size()
                    + " given") + ", and no aws-auth was given: it maps to no user");
            return new Mapped(Optional.empty(), why);
        }
        why.add(identity.arn() + " has no access entry; aws-auth maps it");
        AuthenticationResult result = MapperChain.of(AwsAuthMapper.of(awsAuth.get(), matching)).map(identity);
        RoleArnMatching other = matching == RoleArnMatching.STRICT_AS_EKS ? RoleArnMatching.LENIENT : RoleArnMatching.STRICT_AS_EKS;
        AuthenticationResult otherResult = MapperChain.of(AwsAuthMapper.of(awsAuth.get(), other)).map(identity);
        boolean differs = (result instanceof AuthenticationResult.Authenticated)
                != (otherResult instanceof AuthenticationResult.Authenticated);
        if (matching == RoleArnMatching.STRICT_AS_EKS) {
            why.add("role ARNs written with a path in aws-auth are read as EKS reads them (strict-as-eks): they match no session"
                    + (differs ? "; with --role-arn-matching lenient, " + source(otherResult) + " would map this identity" : ""));
        } else {
            why.add("role ARNs written with a path in aws-auth are read leniently (they match the path-less role)"
                    + (differs ? "; EKS itself would not match " + source(result) + " for this identity" : ""));
        }
        if (result instanceof AuthenticationResult.Authenticated ok) {
            why.add(ok.source() + " maps it to user " + ok.user().username() + " with groups " + ok.user().groups());
            return new Mapped(Optional.of(Authorizer.withAuthenticatedGroups(ok.user())), why);
        }
        if (result instanceof AuthenticationResult.Denied denied) {
            why.add("it maps to no user (" + denied.reason() + "): " + denied.message());
        } else {
            why.add("it cannot be mapped offline: " + ((AuthenticationResult.Unavailable) result).message());
        }
        return new Mapped(Optional.empty(), why);
    }

    private static String source(AuthenticationResult result) {
        return result instanceof AuthenticationResult.Authenticated ok ? ok.source() : "no entry";
    }
}
