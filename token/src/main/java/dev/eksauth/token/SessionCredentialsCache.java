package dev.eksauth.token;

import java.time.Instant;
import java.util.function.Supplier;

import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Where {@link AssumeRoleCredentialsProvider} keeps the session credentials of assumed roles, so
 * that several providers, or several processes, share one AssumeRole call: a plug-in with one
 * method. The key identifies the role, its settings and the source identity; an implementation may
 * hand out credentials stored under the same key that are still good at {@code neededUntil}, and
 * otherwise calls the loader (which calls STS, and may ask for an MFA code) and keeps what it returns.
 *
 * <p>{@link #none()} keeps nothing. An implementation shared between threads must be thread-safe;
 * one shared between processes should let one process load while the others wait (a file lock), so
 * that the user is asked for an MFA code once. The credentials are secrets: store them where only
 * their owner can read them.
 */
@FunctionalInterface
public interface SessionCredentialsCache {
    /**
     * Credentials stored under a key that expire after {@code neededUntil}, else the loader's,
     * stored under the key.
     *
     * @param key what the credentials are for: the same key means the same role, settings and
     *     source identity; safe to use in a file name (hexadecimal) and no secret
     * @param neededUntil the instant until which reused credentials must remain valid
     * @param loader assumes the role; its exceptions propagate
     * @return credentials with an expiration time
     */
    AwsSessionCredentials get(String key, Instant neededUntil, Supplier<AwsSessionCredentials> loader);

    /** A cache that keeps nothing: every call assumes the role. */
    static SessionCredentialsCache none() {
        return (key, neededUntil, loader) -> loader.get();
    }
}
