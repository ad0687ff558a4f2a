package dev.eksauth.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import dev.eksauth.core.CallerIdentity;

/** Test fixtures: aws-auth files and identities. */
final class Fixtures {
    private Fixtures() {
    }

    static String awsAuth(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/aws-auth/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CallerIdentity assumedRole(String account, String role, String session) {
        return CallerIdentity.of("arn:aws:sts::" + account + ":assumed-role/" + role + "/" + session, account,
                "AROAEXAMPLEROLEID:" + session, "ASIAEXAMPLEKEY", "sts.us-west-2.amazonaws.com");
    }

    static CallerIdentity user(String account, String name) {
        return CallerIdentity.of("arn:aws:iam::" + account + ":user/" + name, account, "AIDAEXAMPLE" + name.toUpperCase(),
                "AKIAEXAMPLEKEY", "sts.us-west-2.amazonaws.com");
    }

    static Optional<String> username(AwsAuthMapper mapper, CallerIdentity identity) {
        return mapper.map(identity).map(m -> m.username().text());
    }
}
