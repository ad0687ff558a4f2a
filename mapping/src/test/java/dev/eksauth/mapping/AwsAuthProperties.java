package dev.eksauth.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import dev.eksauth.core.Arn;
import dev.eksauth.core.Partition;

class AwsAuthProperties {

    @Property(tries = 300)
    void parsingWhatWasEncodedGivesTheSameConfig(@ForAll("configs") AwsAuthConfig config) {
        AwsAuth encoded = AwsAuth.of(config);

        AwsAuth parsed = AwsAuth.parseData(encoded.data());

        assertThat(parsed.problems()).allSatisfy(p -> assertThat(p.message()).contains("has a path"));
        assertThat(parsed.config()).isEqualTo(config);
        assertThat(AwsAuth.parseConfigMap(encoded.toConfigMapYaml()).config()).isEqualTo(config);
    }

    @Property
    void arbitraryManifestsYieldAConfigOrOurError(@ForAll String text) {
        try {
            AwsAuth.parseConfigMap(text);
        } catch (AwsAuthFormatException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property
    void arbitraryDataValuesYieldProblemsNotExceptions(@ForAll String roles, @ForAll String users, @ForAll String accounts) {
        AwsAuth awsAuth = AwsAuth.parseData(Map.of("mapRoles", roles, "mapUsers", users, "mapAccounts", accounts));

        assertThat(awsAuth.config()).isNotNull();
    }

    @Provide
    Arbitrary<AwsAuthConfig> configs() {
        Arbitrary<String> account = Arbitraries.strings().numeric().ofLength(12);
        Arbitrary<String> name = Arbitraries.strings().withChars("abcXYZ019+=,.@_-").ofMinLength(1).ofMaxLength(20);
        Arbitrary<String> path = Arbitraries.of("", "team/", "a/b/");
        Arbitrary<String> template = Arbitraries.of("admin", "system:node:{{EC2PrivateDNSName}}", "u:{{SessionName}}",
                "{{AccountID}}:{{AccessKeyID}}", "true", "123", "yes", "- x", "a: b", "#hash", "'quoted'");
        Arbitrary<List<String>> groups = template.list().ofMaxSize(3);
        Arbitrary<RoleMapping> byArn = Combinators.combine(account, path, name, template, groups)
                .as((a, p, n, u, g) -> RoleMapping.of(Arn.parse("arn:aws:iam::" + a + ":role/" + p + n), u, g));
        Arbitrary<RoleMapping> bySso = Combinators.combine(account, name, Arbitraries.of(Partition.values()), template, groups)
                .as((a, n, part, u, g) -> RoleMapping.of(new SsoMatcher(n, a, part), u, g));
        Arbitrary<UserMapping> user = Combinators.combine(account, name, template, groups)
                .as((a, n, u, g) -> UserMapping.of(Arn.parse("arn:aws:iam::" + a + ":user/" + n), u, g));
        return Combinators.combine(Arbitraries.oneOf(byArn, bySso).list().ofMaxSize(5), user.list().ofMaxSize(3),
                account.list().ofMaxSize(3)).as(AwsAuthConfig::new);
    }
}
