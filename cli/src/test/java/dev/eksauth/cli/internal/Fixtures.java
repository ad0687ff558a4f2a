package dev.eksauth.cli.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.eksauth.testkit.MutableClock;
import dev.eksauth.testkit.StsIdentity;

/** Shared test data and helpers: credentials as environment variables, JSON reading, waiting for a server. */
final class Fixtures {
    static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    /** The SDK's environment variables for an identity's credentials, and a region. */
    static Map<String, String> credentials(StsIdentity identity, String region) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ACCESS_KEY_ID", identity.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", identity.secretAccessKey());
        identity.sessionToken().ifPresent(t -> env.put("AWS_SESSION_TOKEN", t));
        env.put("AWS_REGION", region);
        return env;
    }

    /**
     * A clock the test moves by hand, starting at the current second, so that it agrees with the times
     * the AWS SDK takes from the system clock (when it signs an AssumeRole request, say).
     */
    static MutableClock clockAtNow() {
        return MutableClock.at(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** The token of an ExecCredential. */
    static String token(String execCredential) {
        return json(execCredential).path("status").path("token").asText();
    }

    /** What a test waits for; an exception or a failed assertion in it fails the test at once. */
    @FunctionalInterface
    interface Condition {
        boolean holds() throws Exception;
    }

    /**
     * Asks again and again until the condition holds: for what a server does on its own schedule (a
     * watch, a timer, a slot freed after the answer). The deadline only keeps a broken server from
     * hanging the build.
     */
    static void await(String what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never: " + what);
            }
            Thread.onSpinWait();
        }
    }
}
