package dev.eksauth.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsernameTemplateTest {
    static final CallerIdentity ADMIN = CallerIdentity.of(
            "arn:aws:sts::123456789012:assumed-role/Admin/alice@example.com", "123456789012",
            "AROAEXAMPLE:alice@example.com", "ASIAKEYID", "sts.amazonaws.com");
    static final CallerIdentity NODE = CallerIdentity.of(
            "arn:aws:sts::123456789012:assumed-role/NodeRole/i-0123456789abcdef0", "123456789012",
            "AROANODE:i-0123456789abcdef0", "ASIANODE", "sts.amazonaws.com");
    static final CallerIdentity USER = CallerIdentity.of("arn:aws:iam::123456789012:user/bob", "123456789012",
            "AIDABOB", "AKIABOB", "sts.amazonaws.com");

    @Nested
    class Rendering {
        @Test
        void eachPlaceholderRendersItsValue() {
            assertThat(UsernameTemplate.compile("{{AccountID}}").render(ADMIN)).isEqualTo("123456789012");
            assertThat(UsernameTemplate.compile("{{AccessKeyID}}").render(ADMIN)).isEqualTo("ASIAKEYID");
            assertThat(UsernameTemplate.compile("admin:{{SessionName}}").render(ADMIN)).isEqualTo("admin:alice-example.com");
            assertThat(UsernameTemplate.compile("{{SessionNameRaw}}").render(ADMIN)).isEqualTo("alice@example.com");
        }

        @Test
        void literalTextAndSingleBracesStayAsTheyAre() {
            assertThat(UsernameTemplate.compile("a{b}c}}").render(ADMIN)).isEqualTo("a{b}c}}");
            assertThat(UsernameTemplate.compile("plain").render(USER)).isEqualTo("plain");
            assertThat(UsernameTemplate.compile("").render(USER)).isEmpty();
        }

        @Test
        void privateDnsNameComesFromTheResolverForAnInstanceSession() {
            UsernameTemplate t = UsernameTemplate.compile("system:node:{{EC2PrivateDNSName}}");

            assertThat(t.needsPrivateDnsName()).isTrue();
            assertThat(t.render(NODE, id -> "ip-10-0-0-1.ec2.internal." + id))
                    .isEqualTo("system:node:ip-10-0-0-1.ec2.internal.i-0123456789abcdef0");
        }

        @Test
        void privateDnsNameNeedsAnInstanceIdSession() {
            UsernameTemplate t = UsernameTemplate.compile("system:node:{{EC2PrivateDNSName}}");

            assertThatThrownBy(() -> t.render(ADMIN, id -> "never")).isInstanceOf(TemplateRenderException.class)
                    .hasMessageContaining("instance id");
            CallerIdentity upperHex = CallerIdentity.of("arn:aws:sts::123456789012:assumed-role/N/i-0ABC", "123456789012",
                    "AROA:i-0ABC", "ASIA", "sts.amazonaws.com");
            assertThatThrownBy(() -> t.render(upperHex, id -> "never")).isInstanceOf(TemplateRenderException.class);
        }

        @Test
        void resolverFailuresAndBlankAnswersBecomeRenderErrors() {
            UsernameTemplate t = UsernameTemplate.compile("{{EC2PrivateDNSName}}");

            assertThatThrownBy(() -> t.render(NODE, id -> {
                throw new IllegalStateException("EC2 is down");
            })).isInstanceOf(TemplateRenderException.class).hasMessageContaining("EC2 is down")
                    .hasCauseInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> t.render(NODE, id -> "")).isInstanceOf(TemplateRenderException.class);
            assertThatThrownBy(() -> t.render(NODE)).isInstanceOf(TemplateRenderException.class)
                    .hasMessageContaining("no private DNS name resolver");
        }

        @Test
        void aSessionPlaceholderNeedsASession() {
            assertThatThrownBy(() -> UsernameTemplate.compile("{{SessionName}}").render(USER))
                    .isInstanceOf(TemplateRenderException.class).hasMessageContaining("has none");
        }

        @ParameterizedTest
        @ValueSource(strings = {"system:masters", "a b", "x\ny", "\u00e9t\u00e9", "a",
            "a-session-name-of-sixty-five-characters-is-one-more-than-sts-xxxx"})
        void aSessionNameOutsideStsCharacterSetIsRefusedBeforeRendering(String session) {
            CallerIdentity forged = CallerIdentity.of("arn:aws:sts::123456789012:assumed-role/Dev/" + session,
                    "123456789012", "AROADEV:" + session, "ASIADEV", "sts.example.test");

            for (String template : new String[] {"{{SessionNameRaw}}", "dev:{{SessionName}}", "{{EC2PrivateDNSName}}"}) {
                assertThatThrownBy(() -> UsernameTemplate.compile(template).render(forged, id -> {
                    throw new AssertionError("the resolver must not be asked");
                })).as(template).isInstanceOf(TemplateRenderException.class)
                        .hasMessageContaining("refuses session name").hasMessageNotContaining("\n");
            }
            assertThat(UsernameTemplate.compile("{{AccountID}}").render(forged)).isEqualTo("123456789012");
        }

        @Test
        void sessionNamesStsIssuesRenderAsTheyAre() {
            CallerIdentity sso = CallerIdentity.of("arn:aws:sts::123456789012:assumed-role/Dev/a+b=c,d.e@f_g-h",
                    "123456789012", "AROADEV:a+b=c,d.e@f_g-h", "ASIADEV", "sts.amazonaws.com");

            assertThat(UsernameTemplate.compile("{{SessionNameRaw}}").render(sso)).isEqualTo("a+b=c,d.e@f_g-h");
        }

        @Test
        void valuesHoldingBracesAreRefused() {
            assertThatThrownBy(() -> UsernameTemplate.compile("{{EC2PrivateDNSName}}").render(NODE, id -> "{{x}}"))
                    .isInstanceOf(TemplateRenderException.class).hasMessageContaining("braces");
        }
    }

    @Nested
    class Compiling {
        @ParameterizedTest
        @ValueSource(strings = {"{{Nope}}", "{{accountid}}", "{{}}", "a{{SessionName", "{{{AccountID}}}", "{{ AccountID }}"})
        void badPlaceholdersFailAtCompileTime(String text) {
            assertThatThrownBy(() -> UsernameTemplate.compile(text)).isInstanceOf(InvalidTemplateException.class);
        }

        @Test
        void theMessageListsThePlaceholdersThatExist() {
            assertThatThrownBy(() -> UsernameTemplate.compile("{{Nope}}"))
                    .hasMessageContaining("unknown placeholder '{{Nope}}'").hasMessageContaining("{{SessionNameRaw}}");
        }

        @Test
        void templatesAreValuesOfTheirText() {
            assertThat(UsernameTemplate.compile("a:{{AccountID}}")).isEqualTo(UsernameTemplate.compile("a:{{AccountID}}"))
                    .hasToString("a:{{AccountID}}");
            assertThat(UsernameTemplate.compile("x").needsPrivateDnsName()).isFalse();
        }
    }
}
