package dev.eksauth.testkit.internal;

import static dev.eksauth.testkit.internal.Requests.first;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import dev.eksauth.core.Principal;
import dev.eksauth.core.PrincipalType;
import dev.eksauth.testkit.StsIdentity;

/**
 * The STS actions the fake answers, with the identities it knows. Thread-safe. Not public API.
 */
public final class StsActions {
    private final Clock clock;
    private final Duration credentialLifetime;
    private final Predicate<String> webIdentityTokenValidator;
    private final Map<String, StsIdentity> identities = new ConcurrentHashMap<>();
    private final List<String> webIdentityTokens = Collections.synchronizedList(new ArrayList<>());
    private final List<String> externalIds = Collections.synchronizedList(new ArrayList<>());
    private final List<String> mfaCodes = Collections.synchronizedList(new ArrayList<>());

    /** An answer: a result for {@code action}, or an error when {@code code} is set. */
    public record Answer(int status, String action, Map<String, Object> result, String type, String code,
            String message) {
        /** An error answer. */
        public static Answer error(int status, String type, String code, String message) {
            return new Answer(status, "Error", Map.of(), type, code, message);
        }

        static Answer ok(String action, Map<String, Object> result) {
            return new Answer(200, action, result, null, null, null);
        }
    }

    /** The actions, with a clock, credential lifetime and web identity token validator. */
    public StsActions(Clock clock, Duration credentialLifetime, Predicate<String> webIdentityTokenValidator) {
        this.clock = clock;
        this.credentialLifetime = credentialLifetime;
        this.webIdentityTokenValidator = webIdentityTokenValidator;
    }

    /** Registers credentials. */
    public void register(StsIdentity identity) {
        identities.put(identity.accessKeyId(), identity);
    }

    /** The web identity tokens received. */
    public List<String> webIdentityTokens() {
        synchronized (webIdentityTokens) {
            return List.copyOf(webIdentityTokens);
        }
    }

    /** The external ids AssumeRole received. */
    public List<String> externalIds() {
        synchronized (externalIds) {
            return List.copyOf(externalIds);
        }
    }

    /** The MFA serial numbers and codes AssumeRole received, as {@code SERIAL=CODE}. */
    public List<String> mfaCodes() {
        synchronized (mfaCodes) {
            return List.copyOf(mfaCodes);
        }
    }

    /**
     * Answers a request.
     *
     * @param method the HTTP method
     * @param path the raw path
     * @param query the decoded query parameters
     * @param params the query and form parameters
     * @param headers the headers, names lower-case
     * @param body the body
     */
    public Answer answer(String method, String path, List<Map.Entry<String, String>> query,
            List<Map.Entry<String, String>> params, Map<String, String> headers, byte[] body) {
        String action = first(params, "Action").orElse("");
        switch (action) {
            case "GetCallerIdentity": {
                SignedCaller caller = SignedCaller.check(clock, identities::get, method, path, query, headers, body);
                if (caller.refused()) {
                    return refusal(caller);
                }
                StsIdentity who = caller.identity();
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("Arn", who.arn());
                result.put("UserId", who.userId());
                result.put("Account", who.accountId());
                return Answer.ok(action, result);
            }
            case "AssumeRole": {
                SignedCaller caller = SignedCaller.check(clock, identities::get, method, path, query, headers, body);
                if (caller.refused()) {
                    return refusal(caller);
                }
                externalIds.add(first(params, "ExternalId").orElse(""));
                mfaCodes.add(first(params, "SerialNumber").map(s -> s + "=" + first(params, "TokenCode").orElse(""))
                        .orElse(""));
                return assumeRole(action, params);
            }
            case "AssumeRoleWithWebIdentity": {
                String token = first(params, "WebIdentityToken").orElse("");
                webIdentityTokens.add(token);
                if (!webIdentityTokenValidator.test(token)) {
                    return Answer.error(400, "Sender", "InvalidIdentityToken", "the web identity token is not valid");
                }
                return assumeRole(action, params);
            }
            default:
                return Answer.error(400, "Sender", "InvalidAction", "Could not find operation " + action + " for version");
        }
    }

    private static Answer refusal(SignedCaller caller) {
        return Answer.error(caller.status(), "Sender", caller.code(), caller.message());
    }

    private Answer assumeRole(String action, List<Map.Entry<String, String>> params) {
        Optional<String> roleArn = first(params, "RoleArn");
        Optional<String> session = first(params, "RoleSessionName");
        Principal role;
        try {
            role = Principal.parse(roleArn.orElse(""));
        } catch (RuntimeException e) {
            return Answer.error(400, "Sender", "ValidationError", "RoleArn is not a valid ARN");
        }
        if (role.type() != PrincipalType.ROLE || session.isEmpty() || session.get().isEmpty()) {
            return Answer.error(400, "Sender", "ValidationError", "RoleArn must be a role and RoleSessionName is required");
        }
        String arn = "arn:" + role.arn().partition().id() + ":sts::" + role.accountId() + ":assumed-role/" + role.name()
                + "/" + session.get();
        StsIdentity minted = StsIdentity.assumedRole(role.accountId(), role.name(), session.get());
        minted = new StsIdentity(minted.accessKeyId(), minted.secretAccessKey(), minted.sessionToken(), arn, minted.userId());
        register(minted);
        Map<String, Object> credentials = new LinkedHashMap<>();
        credentials.put("AccessKeyId", minted.accessKeyId());
        credentials.put("SecretAccessKey", minted.secretAccessKey());
        credentials.put("SessionToken", minted.sessionToken().orElseThrow());
        credentials.put("Expiration", clock.instant().plus(credentialLifetime).truncatedTo(ChronoUnit.SECONDS).toString());
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("AssumedRoleId", minted.userId());
        user.put("Arn", arn);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("Credentials", credentials);
        result.put("AssumedRoleUser", user);
        return Answer.ok(action, result);
    }
}
