package dev.eksauth.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The user that Kubernetes authorises: what a TokenReview or an OIDC authenticator reports.
 *
 * <p>Collections are copied and unmodifiable; group and extra order is kept. Immutable and
 * thread-safe.
 *
 * @param username the Kubernetes username, never empty
 * @param uid a unique id for the user, possibly empty
 * @param groups the groups, in order
 * @param extra additional multi-valued attributes, e.g. {@code arn} or {@code sessionName}
 */
public record KubernetesUser(String username, String uid, List<String> groups, Map<String, List<String>> extra) {

    /**
     * Checks and copies the components.
     *
     * @throws NullPointerException when a component, group, extra key or value is null
     * @throws IllegalArgumentException when the username is empty
     */
    public KubernetesUser {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(uid, "uid");
        if (username.isEmpty()) {
            throw new IllegalArgumentException("username must not be empty");
        }
        groups = List.copyOf(groups);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        extra.forEach((key, values) -> copy.put(Objects.requireNonNull(key, "extra key"), List.copyOf(values)));
        extra = java.util.Collections.unmodifiableMap(copy);
    }

    /** A user with a username and groups, no uid and no extra. */
    public static KubernetesUser of(String username, List<String> groups) {
        return new KubernetesUser(username, "", groups, Map.of());
    }

    /**
     * The user an IAM identity becomes, as EKS reports it whatever mapped it (aws-auth or an access
     * entry): uid {@code aws-iam-authenticator:<account>:<userId>}, and extra {@code arn},
     * {@code canonicalArn}, {@code sessionName} (empty when there is none), {@code accessKeyId} and
     * {@code principalId}.
     *
     * @param identity who STS says signed the token
     * @param username the rendered username
     * @param groups the rendered groups
     */
    public static KubernetesUser ofIamIdentity(CallerIdentity identity, String username, List<String> groups) {
        Map<String, List<String>> extra = new LinkedHashMap<>();
        extra.put("arn", List.of(identity.arn().toString()));
        extra.put("canonicalArn", List.of(identity.canonicalArn().toString()));
        extra.put("sessionName", List.of(identity.sessionName().orElse("")));
        extra.put("accessKeyId", List.of(identity.accessKeyId()));
        extra.put("principalId", List.of(identity.userId()));
        return new KubernetesUser(username, "aws-iam-authenticator:" + identity.accountId() + ":" + identity.userId(),
                groups, extra);
    }
}
