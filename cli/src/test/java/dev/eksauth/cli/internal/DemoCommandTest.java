package dev.eksauth.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class DemoCommandTest {
    @Test
    void walksThroughTheWholeLoopAndExitsZero() {
        Shell.Result r = new Shell().run("demo");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("1. A fake STS listens at http://127.0.0.1:")
                .contains("2. eksauth signed a token for cluster 'demo'")
                .contains("\"arn\" : \"arn:aws:sts::111122223333:assumed-role/DemoAdmin/alice@example.com\"")
                .contains("\"canonicalArn\" : \"arn:aws:iam::111122223333:role/DemoAdmin\"")
                .contains("mapRoles[0] ->")
                .contains("\"username\" : \"admin:alice-example.com\"")
                .contains("HTTP 200")
                .contains("\"authenticated\" : true")
                .contains("HTTP 403")
                .contains("\"error\" : \"no mapping for arn:aws:iam::111122223333:user/mallory\"")
                .contains("SignatureDoesNotMatch");
    }

    @Test
    void neverPrintsAWholeToken() {
        String out = new Shell().run("demo").out();

        Matcher tokens = Pattern.compile("k8s-aws-v1\\.[A-Za-z0-9_-]+").matcher(out);
        int seen = 0;
        while (tokens.find()) {
            assertThat(tokens.group().length()).isLessThan(40);
            seen++;
        }
        assertThat(seen).isEqualTo(1);
        assertThat(out).containsPattern("k8s-aws-v1\\.[A-Za-z0-9_-]+\\.\\.\\.\\(\\d{3,4} characters\\)");
    }

    @Test
    void shortensTokensToARecognisablePrefix() {
        assertThat(DemoCommand.shorten("k8s-aws-v1." + "a".repeat(500))).isEqualTo("k8s-aws-v1." + "a".repeat(17)
                + "...(511 characters)");
    }
}
