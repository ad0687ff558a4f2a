package dev.eksauth.cli.internal;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.eksauth.cli.internal.WebhookMetrics.Outcome;
import dev.eksauth.core.CallerIdentity;
import dev.eksauth.mapping.AuthenticationResult;

/**
 * The webhook's access log: one line per request to {@code /authenticate}, JSON by default, with the
 * time, outcome, HTTP status, latency, and when known the username, ARN and account (an account in
 * the scrubbed set appears as {@code ************}, in the ARN and message too, as the Go authenticator's
 * scrubbed accounts), and the reason of a denial or an outage. Never the token: the line is built
 * from the result only. Also carries the server's other notes. Thread-safe. Not public API.
 */
final class AccessLog {
    /** How lines are written. */
    enum Format {
        /** One JSON object per line. */
        JSON,
        /** {@code key=value} pairs, values quoted where they need it. */
        TEXT
    }

    static final String MASK = "************";
    /** A text-format value that needs no quotes. */
    private static final Pattern BARE = Pattern.compile("[A-Za-z0-9_.:/@+=,-]+");

    private final PrintStream out;
    private final Format format;
    private final Set<String> scrubbedAccounts;
    private final Clock clock;

    AccessLog(PrintStream out, Format format, Set<String> scrubbedAccounts, Clock clock) {
        this.out = out;
        this.format = format;
        this.scrubbedAccounts = Set.copyOf(scrubbedAccounts);
        this.clock = clock;
    }

    /** An access log in JSON that scrubs no account. */
    static AccessLog json(PrintStream out, Clock clock) {
        return new AccessLog(out, Format.JSON, Set.of(), clock);
    }

    /** Writes a line that is not about one review (start, stop, internal errors). */
    void note(String line) {
        out.println(line);
    }

    /** Writes the line of one request; {@code result} is null when none was reached. */
    void review(Outcome outcome, int status, AuthenticationResult result, long nanos) {
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("time", clock.instant().toString());
        line.put("msg", "TokenReview");
        line.put("outcome", outcome.name().toLowerCase(Locale.ROOT));
        line.put("status", status);
        line.put("latencyMs", Math.round(nanos / 10_000.0) / 100.0);
        Optional<CallerIdentity> identity = Optional.empty();
        if (result instanceof AuthenticationResult.Authenticated ok) {
            line.put("username", ok.user().username());
            line.put("source", ok.source());
            identity = Optional.of(ok.identity());
        } else if (result instanceof AuthenticationResult.Denied denied) {
            line.put("reason", denied.reason().name());
            line.put("message", denied.message());
            identity = denied.identity();
        } else if (result instanceof AuthenticationResult.Unavailable unavailable) {
            line.put("reason", unavailable.reason().name());
            line.put("message", unavailable.message());
            identity = unavailable.identity();
        }
        identity.ifPresent(i -> {
            if (line.has("message")) {
                line.put("message", scrub(line.get("message").asText(), i.accountId()));
            }
            line.put("arn", scrub(i.arn().toString(), i.accountId()));
            line.put("account", scrubbedAccounts.contains(i.accountId()) ? MASK : i.accountId());
        });
        out.println(format == Format.JSON ? line.toString() : text(line));
    }

    private String scrub(String text, String account) {
        return scrubbedAccounts.contains(account) ? text.replace(account, MASK) : text;
    }

    private static String text(ObjectNode line) {
        StringBuilder b = new StringBuilder();
        line.fields().forEachRemaining(e -> {
            if (b.length() > 0) {
                b.append(' ');
            }
            String value = e.getValue().asText();
            b.append(e.getKey()).append('=');
            b.append(BARE.matcher(value).matches() ? value : e.getValue().isTextual() ? e.getValue().toString() : value);
        });
        return b.toString();
    }
}
