package dev.eksauth.core;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class CoreProperties {

    @Property
    void parsingAnArnsTextGivesTheArnBack(@ForAll("arns") Arn arn) {
        assertThat(Arn.parse(arn.toString())).isEqualTo(arn);
    }

    @Property
    void canonicalisationIsIdempotent(@ForAll("principals") String arn) {
        Principal p = Principal.parse(arn);

        Principal again = Principal.of(p.canonicalArn());

        assertThat(again.canonicalArn()).isEqualTo(p.canonicalArn());
        assertThat(again.pathlessArn()).isEqualTo(p.pathlessArn());
    }

    @Property
    void aRenderedTemplateNeverHoldsAnOpeningPair(@ForAll("templates") String template, @ForAll("sessions") String session) {
        CallerIdentity id = CallerIdentity.of("arn:aws:sts::123456789012:assumed-role/R/" + session, "123456789012",
                "AROA:" + session, "ASIA", "sts.amazonaws.com");

        String rendered = UsernameTemplate.compile(template).render(id, instance -> "ip-10-0-0-1.ec2.internal");

        assertThat(rendered).doesNotContain("{{");
    }

    @Property
    void aSessionNameRendersOnlyWhenStsCouldHaveIssuedIt(@ForAll String session) {
        net.jqwik.api.Assume.that(!session.isEmpty() && session.indexOf('/') < 0);
        CallerIdentity id;
        try {
            id = CallerIdentity.of("arn:aws:sts::123456789012:assumed-role/R/" + session, "123456789012",
                    "AROA:" + session, "ASIA", "sts.example.test");
        } catch (CoreException notAnIdentity) {
            return;
        }
        try {
            assertThat(UsernameTemplate.compile("{{SessionNameRaw}}").render(id)).matches("[A-Za-z0-9_+=,.@-]{2,64}");
        } catch (TemplateRenderException refused) {
            assertThat(SettingChecks.isRoleSessionName(session)).isFalse();
        }
    }

    @Property
    void parsersThrowOnlyTheirOwnErrors(@ForAll String text) {
        expectOnlyCoreErrors(() -> Arn.parse(text));
        expectOnlyCoreErrors(() -> Principal.parse(text));
        expectOnlyCoreErrors(() -> ArnPattern.compile(text));
        expectOnlyCoreErrors(() -> UsernameTemplate.compile(text));
        expectOnlyCoreErrors(() -> StsHost.parse(text, Partition.AWS));
    }

    @Property
    void aPatternWithoutWildcardsMatchesExactlyItsText(@ForAll("arns") Arn arn, @ForAll("arns") Arn other) {
        String text = arn.toString();
        net.jqwik.api.Assume.that(text.indexOf('*') < 0 && text.indexOf('?') < 0);

        ArnPattern pattern = ArnPattern.compile(text);

        assertThat(pattern.matches(arn)).isTrue();
        assertThat(pattern.matches(other)).isEqualTo(other.toString().equals(text));
    }

    @Property
    void allStarsMatchEverySixSectionText(@ForAll("arns") Arn arn) {
        assertThat(ArnPattern.compile("arn:*:*:*:*:*").matches(arn)).isTrue();
    }

    private static void expectOnlyCoreErrors(Runnable parse) {
        try {
            parse.run();
        } catch (CoreException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<Arn> arns() {
        Arbitrary<String> plain = Arbitraries.strings().withChars("abcxyz019-_./@").ofMaxLength(12);
        Arbitrary<String> service = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-").ofMinLength(1).ofMaxLength(10);
        Arbitrary<String> resource = Arbitraries.strings().withChars("abcXYZ019-_./:@*?").ofMinLength(1).ofMaxLength(30);
        return Combinators.combine(Arbitraries.of(Partition.values()), service, plain, plain, resource).as(Arn::new);
    }

    @Provide
    Arbitrary<String> principals() {
        Arbitrary<String> name = Arbitraries.strings().withChars("abcXYZ019+=,.@_-").ofMinLength(1).ofMaxLength(16);
        Arbitrary<String> path = name.list().ofMaxSize(3).map(parts -> parts.isEmpty() ? "" : String.join("/", parts) + "/");
        Arbitrary<String> account = Arbitraries.strings().numeric().ofLength(12);
        return Combinators.combine(Arbitraries.of(Partition.values()), account, path, name, name,
                Arbitraries.integers().between(0, 4)).as((p, a, pa, n, s, kind) -> {
                    String prefix = "arn:" + p.id() + ":";
                    switch (kind) {
                        case 0: return prefix + "iam::" + a + ":role/" + pa + n;
                        case 1: return prefix + "sts::" + a + ":assumed-role/" + pa + n + "/" + s;
                        case 2: return prefix + "iam::" + a + ":user/" + pa + n;
                        case 3: return prefix + "iam::" + a + ":root";
                        default: return prefix + "sts::" + a + ":federated-user/" + n;
                    }
                });
    }

    @Provide
    Arbitrary<String> templates() {
        Arbitrary<String> literal = Arbitraries.strings().withChars("ab:{}-@.").ofMaxLength(6)
                .filter(s -> !s.contains("{{") && !s.endsWith("{"));
        Arbitrary<String> placeholder = Arbitraries.of("{{AccountID}}", "{{SessionName}}", "{{SessionNameRaw}}",
                "{{AccessKeyID}}");
        return Arbitraries.oneOf(literal, placeholder).list().ofMaxSize(6).map(parts -> String.join("", parts))
                .filter(t -> {
                    try {
                        UsernameTemplate.compile(t);
                        return true;
                    } catch (InvalidTemplateException e) {
                        return false;
                    }
                });
    }

    @Provide
    Arbitrary<String> sessions() {
        return Arbitraries.strings().withChars("abcXYZ019+=,.@_-").ofMinLength(2).ofMaxLength(64);
    }
}
