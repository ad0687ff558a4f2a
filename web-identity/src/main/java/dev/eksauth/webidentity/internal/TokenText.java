package dev.eksauth.webidentity.internal;

import static dev.eksauth.webidentity.InvalidWebIdentityException.Reason.INVALID_TOKEN;
import static dev.eksauth.webidentity.InvalidWebIdentityException.Reason.TOKEN_UNREADABLE;

import java.util.function.Supplier;

import dev.eksauth.webidentity.InvalidWebIdentityException;
import dev.eksauth.webidentity.WebIdentityException;
import dev.eksauth.webidentity.WebIdentityTokenSource;

/** The checks every web-identity token passes before it is sent to STS. Not public API. */
public final class TokenText {
    private TokenText() {
    }

    /**
     * The token without surrounding whitespace.
     *
     * @param raw the token as a source gave it
     * @param origin where it came from, for messages, e.g. {@code "web identity token file /x"}
     * @throws InvalidWebIdentityException when it is null, blank or longer than
     *     {@link WebIdentityTokenSource#MAX_TOKEN_LENGTH}
     */
    public static String check(String raw, String origin) {
        if (raw == null) {
            throw new InvalidWebIdentityException(INVALID_TOKEN, origin + " gave no token (null)");
        }
        String token = raw.strip();
        if (token.isEmpty()) {
            throw new InvalidWebIdentityException(INVALID_TOKEN, origin
                    + " is empty; expected an OIDC ID token (a JWT)");
        }
        if (token.length() > WebIdentityTokenSource.MAX_TOKEN_LENGTH) {
            throw new InvalidWebIdentityException(INVALID_TOKEN, origin + " is "
                    + token.length() + " characters long; a web identity token is at most "
                    + WebIdentityTokenSource.MAX_TOKEN_LENGTH);
        }
        return token;
    }

    /**
     * Asks for a token and checks it; a failure other than a {@link WebIdentityException} is reported
     * as an {@link InvalidWebIdentityException} ({@code TOKEN_UNREADABLE}).
     *
     * @param source what gives the token
     * @param origin what to call the source in messages
     */
    public static String from(Supplier<String> source, String origin) {
        String raw;
        try {
            raw = source.get();
        } catch (WebIdentityException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidWebIdentityException(TOKEN_UNREADABLE,
                    origin + " failed: " + e.getClass().getName(), e);
        }
        return check(raw, origin);
    }
}
