package dev.eksauth.oidc.internal;

import static dev.eksauth.oidc.InvalidOidcTokenException.Reason.EMAIL_NOT_VERIFIED;
import static dev.eksauth.oidc.InvalidOidcTokenException.Reason.EXPIRED;
import static dev.eksauth.oidc.InvalidOidcTokenException.Reason.GROUPS_CLAIM;
import static dev.eksauth.oidc.InvalidOidcTokenException.Reason.NOT_YET_VALID;
import static dev.eksauth.oidc.InvalidOidcTokenException.Reason.REQUIRED_CLAIM;
import static dev.eksauth.oidc.InvalidOidcTokenException.Reason.USERNAME_CLAIM;
import static dev.eksauth.oidc.InvalidOidcTokenException.Reason.WRONG_AUDIENCE;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;

import dev.eksauth.core.KubernetesUser;
import dev.eksauth.core.UntrustedText;
import dev.eksauth.oidc.InvalidOidcTokenException;
import dev.eksauth.oidc.OidcIdentity;

/**
 * The claim rules of an EKS OIDC identity provider, applied to the claims of a token whose issuer
 * and signature were verified: audience, times, required claims, username and groups. Like
 * Kubernetes' OIDC authenticator, it does not check {@code iat}. Immutable and thread-safe.
 */
public final class ClaimRules {
    private final URI issuer;
    private final String clientId;
    private final String usernameClaim;
    private final String usernamePrefix;
    private final String groupsClaim;
    private final String groupsPrefix;
    private final Map<String, String> requiredClaims;
    private final Duration skew;
    private final Clock clock;

    /**
     * @param usernamePrefix the prefix as applied (the default and {@code -} already resolved)
     * @param groupsClaim the groups claim, or null for none
     */
    public ClaimRules(URI issuer, String clientId, String usernameClaim, String usernamePrefix, String groupsClaim,
            String groupsPrefix, Map<String, String> requiredClaims, Duration skew, Clock clock) {
        this.issuer = issuer;
        this.clientId = clientId;
        this.usernameClaim = usernameClaim;
        this.usernamePrefix = usernamePrefix;
        this.groupsClaim = groupsClaim;
        this.groupsPrefix = groupsPrefix;
        this.requiredClaims = Map.copyOf(requiredClaims);
        this.skew = skew;
        this.clock = clock;
    }

    /**
     * Applies the rules and maps the claims to a Kubernetes user.
     *
     * @throws InvalidOidcTokenException when a rule is broken
     */
    public OidcIdentity identity(JWTClaimsSet claims) {
        List<String> audience = claims.getAudience();
        if (!audience.contains(clientId)) {
            throw refused(WRONG_AUDIENCE, "aud does not contain the client id '" + clientId + "'");
        }
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw refused(EXPIRED, "the token has no exp");
        }
        if (!now.isBefore(exp.toInstant())) {
            throw refused(EXPIRED, "the token expired at " + exp.toInstant() + "; it is " + now);
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nbf.toInstant().isAfter(now.plus(skew))) {
            throw refused(NOT_YET_VALID, "the token is not valid before " + nbf.toInstant() + "; it is " + now);
        }
        requiredClaims.forEach((key, value) -> {
            if (!value.equals(claims.getClaim(key))) {
                throw refused(REQUIRED_CLAIM, "required claim '" + UntrustedText.quote(key) + "' is "
                        + (claims.getClaim(key) == null ? "missing" : "not '" + UntrustedText.quote(value) + "'"));
            }
        });
        String subject = claims.getClaim("sub") instanceof String s ? s : "";
        KubernetesUser user = new KubernetesUser(usernamePrefix + username(claims), subject, groups(claims),
                Map.of(OidcIdentity.ISSUER_EXTRA, List.of(issuer.toString())));
        return new OidcIdentity(user, issuer, subject, exp.toInstant(), claims.toJSONObject());
    }

    private String username(JWTClaimsSet claims) {
        Object value = claims.getClaim(usernameClaim);
        if (!(value instanceof String username) || username.isEmpty()) {
            throw refused(USERNAME_CLAIM, "username claim '" + usernameClaim + "' is "
                    + (value == null ? "missing" : "not a non-empty string"));
        }
        if ("email".equals(usernameClaim)) {
            Object verified = claims.getClaim("email_verified");
            if (verified != null && !Boolean.TRUE.equals(verified)) {
                throw refused(EMAIL_NOT_VERIFIED, "email_verified is present and not true");
            }
        }
        return username;
    }

    private List<String> groups(JWTClaimsSet claims) {
        Object value = groupsClaim == null ? null : claims.getClaim(groupsClaim);
        if (value == null) {
            return List.of();
        }
        if (value instanceof String group) {
            return List.of(groupsPrefix + group);
        }
        if (value instanceof List<?> list) {
            List<String> groups = new ArrayList<>(list.size());
            for (Object element : list) {
                if (!(element instanceof String group)) {
                    throw refused(GROUPS_CLAIM, "groups claim '" + groupsClaim + "' holds a value that is not a string");
                }
                groups.add(groupsPrefix + group);
            }
            return groups;
        }
        throw refused(GROUPS_CLAIM, "groups claim '" + groupsClaim + "' is neither a string nor an array of strings");
    }

    private static InvalidOidcTokenException refused(InvalidOidcTokenException.Reason reason, String message) {
        return new InvalidOidcTokenException(reason, message);
    }
}
