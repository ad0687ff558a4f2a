package dev.eksauth.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.eksauth.core.Arn;
import dev.eksauth.core.UsernameTemplate;

class AwsAuthTest {

    static List<String> texts(List<UsernameTemplate> templates) {
        return templates.stream().map(UsernameTemplate::text).toList();
    }

    @Nested
    class ReadingTheFixturesKubeUsersHit {
        @Test
        void theDocumentedConfigMapMapsNodesAdminsUsersAndAccounts() {
            AwsAuth awsAuth = AwsAuth.parseConfigMap(Fixtures.awsAuth("documented.yaml"));

            assertThat(awsAuth.problems()).isEmpty();
            List<RoleMapping> roles = awsAuth.config().roles();
            assertThat(roles).hasSize(2);
            assertThat(roles.get(0).roleArn()).contains(
                    Arn.parse("arn:aws:iam::111122223333:role/eksctl-my-cluster-NodeInstanceRole-1A2B3C4D5E6F"));
            assertThat(roles.get(0).username().text()).isEqualTo("system:node:{{EC2PrivateDNSName}}");
            assertThat(texts(roles.get(0).groups())).containsExactly("system:bootstrappers", "system:nodes");
            assertThat(roles.get(1).username().text()).isEqualTo("admin:{{SessionName}}");
            assertThat(awsAuth.config().users()).singleElement()
                    .satisfies(u -> assertThat(u.userArn().toString()).isEqualTo("arn:aws:iam::111122223333:user/alice"));
            assertThat(awsAuth.config().accounts()).containsExactly("012345678901", "444455556666");
        }

        @Test
        void keysInsideEntriesAreCaseInsensitive() {
            AwsAuth awsAuth = AwsAuth.parseConfigMap(Fixtures.awsAuth("crazy-case.yaml"));

            assertThat(awsAuth.problems()).isEmpty();
            assertThat(awsAuth.config().roles()).extracting(r -> r.username().text()).containsExactly("crazy", "camel");
            assertThat(texts(awsAuth.config().roles().get(0).groups())).containsExactly("viewers");
            assertThat(awsAuth.config().users()).extracting(u -> u.username().text()).containsExactly("bob");
        }

        @Test
        void topLevelKeysAreCaseSensitiveSoOthersAreIgnoredWithAWarning() {
            AwsAuth awsAuth = AwsAuth.parseConfigMap(Fixtures.awsAuth("lower-case-keys.yaml"));

            assertThat(awsAuth.config()).isEqualTo(AwsAuthConfig.EMPTY);
            assertThat(awsAuth.problems()).extracting(AwsAuthProblem::key, AwsAuthProblem::severity)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("maproles", AwsAuthProblem.Severity.WARNING),
                            org.assertj.core.groups.Tuple.tuple("MapUsers", AwsAuthProblem.Severity.WARNING));
        }

        @Test
        void aMisIndentedGroupIsOneGroupAndIsFlagged() {
            AwsAuth awsAuth = AwsAuth.parseConfigMap(Fixtures.awsAuth("mis-indented-group.yaml"));

            assertThat(texts(awsAuth.config().roles().get(0).groups()))
                    .containsExactly("system:bootstrappers - system:nodes");
            assertThat(awsAuth.problems()).singleElement().satisfies(p -> {
                assertThat(p.severity()).isEqualTo(AwsAuthProblem.Severity.WARNING);
                assertThat(p.message()).contains("mis-indentation");
            });
        }

        @Test
        void aMissingPipeIsAnErrorForThatKeyAndTheOtherKeysStillWork() {
            AwsAuth awsAuth = AwsAuth.parseConfigMap(Fixtures.awsAuth("missing-pipe.yaml"));

            assertThat(awsAuth.config().roles()).isEmpty();
            assertThat(awsAuth.config().users()).hasSize(1);
            assertThat(awsAuth.problems()).singleElement().satisfies(p -> {
                assertThat(p.key()).isEqualTo("mapRoles");
                assertThat(p.severity()).isEqualTo(AwsAuthProblem.Severity.ERROR);
                assertThat(p.message()).contains("mapRoles: |");
            });
        }

        @Test
        void badEntriesAreReportedByIndexAndGoodOnesKept() {
            AwsAuth awsAuth = AwsAuth.parseConfigMap(Fixtures.awsAuth("mixed.yaml"));

            assertThat(awsAuth.config().roles()).extracting(r -> r.username().text())
                    .containsExactly("path-role", "sso-admin:{{SessionName}}", "first", "second");
            assertThat(awsAuth.problems()).extracting(AwsAuthProblem::index).containsExactly(0, 2, 3, 4, 5, 6);
            assertThat(awsAuth.problems()).allSatisfy(p -> assertThat(p.key()).isEqualTo("mapRoles"));
            assertThat(awsAuth.problems().get(0).severity()).isEqualTo(AwsAuthProblem.Severity.WARNING);
            assertThat(awsAuth.problems().get(0).message()).contains("has a path: EKS does not match it",
                    "write arn:aws:iam::111122223333:role/PathRole");
            assertThat(awsAuth.problems().get(1).message()).contains("not both");
            assertThat(awsAuth.problems().get(2).message()).contains("must start with 'arn:'");
            assertThat(awsAuth.problems().get(3).message()).contains("expected an IAM role");
            assertThat(awsAuth.problems().get(4).message()).contains("unknown placeholder");
            assertThat(awsAuth.problems().get(5).message()).contains("12 digits");
            assertThat(awsAuth.config().roles().get(1).sso()).contains(
                    new SsoMatcher("AdministratorAccess", "111122223333", dev.eksauth.core.Partition.AWS));
        }

        @Test
        void emptyValuesAreSkipped() {
            AwsAuth awsAuth = AwsAuth.parseData(Map.of("mapRoles", "", "mapUsers", "\"\"", "mapAccounts", "  \n"));

            assertThat(awsAuth.config()).isEqualTo(AwsAuthConfig.EMPTY);
            assertThat(awsAuth.problems()).isEmpty();
        }

        @Test
        void jsonManifestsAreReadToo() {
            String json = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"aws-auth\"},"
                    + "\"data\":{\"mapUsers\":\"- userarn: arn:aws:iam::111122223333:user/alice\\n  username: alice\\n\"}}";

            assertThat(AwsAuth.parseConfigMap(json).config().users()).hasSize(1);
        }
    }

    @Nested
    class HostileDocuments {
        @Test
        void billionLaughsIsRefused() {
            StringBuilder doc = new StringBuilder("data:\n  a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
            for (int i = 1; i < 10; i++) {
                doc.append("  a").append(i).append(": &a").append(i).append(" [");
                for (int j = 0; j < 9; j++) {
                    doc.append(j == 0 ? "" : ",").append("*a").append(i - 1);
                }
                doc.append("]\n");
            }

            assertThatThrownBy(() -> AwsAuth.parseConfigMap(doc.toString()))
                    .isInstanceOf(AwsAuthFormatException.class).hasMessageContaining("safety limit");
        }

        @Test
        void javaTypeTagsAreRefusedAtTheTopAndInsideData() {
            assertThatThrownBy(() -> AwsAuth.parseConfigMap("data: !!java.net.URL [\"http://127.0.0.1/\"]\n"))
                    .isInstanceOf(AwsAuthFormatException.class);
            AwsAuth inner = AwsAuth.parseData(Map.of("mapRoles", "- !!javax.script.ScriptEngineManager [x]\n"));
            assertThat(inner.config().roles()).isEmpty();
            assertThat(inner.problems()).singleElement()
                    .satisfies(p -> assertThat(p.severity()).isEqualTo(AwsAuthProblem.Severity.ERROR));
        }

        @Test
        void notAConfigMapIsRefused() {
            assertThatThrownBy(() -> AwsAuth.parseConfigMap("kind: Secret\ndata: {}\n"))
                    .isInstanceOf(AwsAuthFormatException.class).hasMessageContaining("ConfigMap");
            assertThatThrownBy(() -> AwsAuth.parseConfigMap("- just\n- a list\n"))
                    .isInstanceOf(AwsAuthFormatException.class);
            assertThatThrownBy(() -> AwsAuth.parseConfigMap("data: [unclosed\n"))
                    .isInstanceOf(AwsAuthFormatException.class);
        }

        @Test
        void duplicateKeysAreRefused() {
            assertThatThrownBy(() -> AwsAuth.parseConfigMap("data: {}\ndata: {}\n"))
                    .isInstanceOf(AwsAuthFormatException.class);
        }
    }

    @Nested
    class Editing {
        final AwsAuth mixed = AwsAuth.parseConfigMap(Fixtures.awsAuth("mixed.yaml"));

        @Test
        void addingARoleKeepsEveryOtherEntryBadOnesIncluded() {
            AwsAuth edited = mixed.withRoleMapping(RoleMapping.of(Arn.parse("arn:aws:iam::111122223333:role/New"),
                    "new:{{SessionName}}", List.of("viewers")));

            assertThat(edited.config().roles()).extracting(r -> r.username().text())
                    .containsExactly("path-role", "sso-admin:{{SessionName}}", "first", "second", "new:{{SessionName}}");
            assertThat(edited.problems()).extracting(AwsAuthProblem::index).containsExactly(0, 2, 3, 4, 5, 6);
        }

        @Test
        void removingARoleRemovesEveryEntryOfItAndNothingElse() {
            AwsAuth edited = mixed.withoutRoleMapping(Arn.parse("arn:aws:iam::111122223333:role/DUP"));

            assertThat(edited.config().roles()).extracting(r -> r.username().text())
                    .containsExactly("path-role", "sso-admin:{{SessionName}}");
            assertThat(edited.problems()).hasSize(6);
        }

        @Test
        void usersAndAccountsAreAddedAndRemoved() {
            AwsAuth documented = AwsAuth.parseConfigMap(Fixtures.awsAuth("documented.yaml"));
            Arn carol = Arn.parse("arn:aws:iam::111122223333:user/carol");

            AwsAuth edited = documented.withUserMapping(UserMapping.of(carol, "carol", List.of()))
                    .withAccount("999988887777").withoutAccount("012345678901")
                    .withoutUserMapping(Arn.parse("arn:aws:iam::111122223333:user/alice"));

            assertThat(edited.config().users()).extracting(UserMapping::userArn).containsExactly(carol);
            assertThat(edited.config().accounts()).containsExactly("444455556666", "999988887777");
            assertThat(edited.data().get("mapRoles")).isEqualTo(documented.data().get("mapRoles"));
        }

        @Test
        void theWholeConfigMapIsWrittenBackAndReadsTheSame() {
            AwsAuth documented = AwsAuth.parseConfigMap(Fixtures.awsAuth("documented.yaml")).withAccount("999988887777");

            AwsAuth again = AwsAuth.parseConfigMap(documented.toConfigMapYaml());

            assertThat(again.config()).isEqualTo(documented.config());
            assertThat(again.toConfigMapYaml()).contains("name: aws-auth", "namespace: kube-system");
        }

        @Test
        void accountIdsThatLookLikeNumbersAreQuotedWhenWritten() {
            AwsAuth awsAuth = AwsAuth.of(new AwsAuthConfig(List.of(), List.of(), List.of("012345678901")));

            assertThat(awsAuth.data().get("mapAccounts")).contains("'012345678901'");
        }
    }
}
