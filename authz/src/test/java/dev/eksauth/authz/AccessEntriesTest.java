package dev.eksauth.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.eksauth.core.Arn;
import dev.eksauth.core.CallerIdentity;
import dev.eksauth.core.KubernetesUser;
import dev.eksauth.core.TemplateRenderException;

class AccessEntriesTest {
    static final String ACCOUNT = "111122223333";

    static CallerIdentity session(String rolePathAndName, String session) {
        return CallerIdentity.of("arn:aws:sts::" + ACCOUNT + ":assumed-role/" + rolePathAndName + "/" + session, ACCOUNT,
                "AROAEXAMPLE:" + session, "ASIAEXAMPLE", "sts.amazonaws.com");
    }

    static String entries(String... entries) {
        return "{\"accessEntries\": [" + String.join(",", entries) + "]}";
    }

    @Nested
    class Reading {
        @Test
        void entriesEksWouldRefuseAreProblemsAndTheGoodOnesAreKept() {
            AccessEntries read = AccessEntries.fromJson(entries(
                    "{\"principalArn\": \"arn:aws:sts::111122223333:assumed-role/Dev/alice\"}",
                    "{\"principalArn\": \"arn:aws:iam::111122223333:user/bob\", \"type\": \"EC2_LINUX\"}",
                    "{\"principalArn\": \"arn:aws:iam::111122223333:role/Node\", \"type\": \"EC2_LINUX\", \"kubernetesGroups\": [\"x\"]}",
                    "{\"principalArn\": \"arn:aws:iam::111122223333:role/A\", \"username\": \"system:admin\"}",
                    "{\"principalArn\": \"arn:aws:iam::111122223333:role/B\", \"kubernetesGroups\": [\"system:masters\"]}",
                    "{\"principalArn\": \"arn:aws:iam::111122223333:role/C\", \"username\": \"c{{SessionName}}\"}",
                    "{\"principalArn\": \"arn:aws:iam::111122223333:role/Good\", \"kubernetesGroups\": [\"devs\"]}",
                    "{\"principalArn\": \"arn:aws:iam::111122223333:role/team/Good\"}"));

            assertThat(read.entries()).extracting(e -> e.principalArn().toString())
                    .containsExactly("arn:aws:iam::111122223333:role/Good");
            assertThat(read.problems()).extracting(AuthzProblem::location).containsExactly("accessEntries[0]", "accessEntries[1]",
                    "accessEntries[2]", "accessEntries[3]", "accessEntries[4]", "accessEntries[5]", "accessEntries[7]");
            assertThat(read.problems().get(0).message()).contains("never an STS session");
            assertThat(read.problems().get(6).message()).contains("already has an access entry");
        }

        @Test
        void problemsAndMappingsNameAnEntryByItsPlaceInTheDocumentAfterUnreadableOnes() {
            AccessEntries read = AccessEntries.fromJson(entries(
                    "{\"type\": \"STANDARD\"}",
                    "{\"principalArn\": \"arn:aws:iam::111122223333:role/B\", \"kubernetesGroups\": [\"system:x\"]}",
                    "{\"principalArn\": \"arn:aws:iam::111122223333:role/Good\"}"));

            assertThat(read.problems()).extracting(AuthzProblem::location).containsExactly("accessEntries[0]", "accessEntries[1]");
            assertThat(read.principalMappings()).singleElement().extracting(PrincipalMapping::source).isEqualTo("accessEntries[2]");
        }

        @Test
        void aBadAssociationIsDroppedAndItsEntryKept() {
            AccessEntries read = AccessEntries.fromJson(entries("{\"principalArn\": \"arn:aws:iam::111122223333:role/A\","
                    + " \"accessPolicies\": [{\"policyArn\": \"arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy\","
                    + " \"accessScope\": {\"type\": \"namespace\"}}]}"));

            assertThat(read.entries()).singleElement().extracting(e -> e.accessPolicies().size()).isEqualTo(0);
            assertThat(read.problems()).singleElement().extracting(AuthzProblem::location)
                    .isEqualTo("accessEntries[0].accessPolicies[0]");
        }

        @Test
        void aDocumentThatIsNotJsonIsOurException() {
            assertThatThrownBy(() -> AccessEntries.fromJson("{nope")).isInstanceOf(InvalidAccessEntriesException.class);
            assertThatThrownBy(() -> AccessEntries.fromJson("[]")).isInstanceOf(InvalidAccessEntriesException.class);
        }

        @Test
        void theJsonFormRoundTrips() {
            AccessEntries read = AccessEntries.fromJson(entries("{\"principalArn\": \"arn:aws:iam::111122223333:role/team/A\","
                    + " \"type\": \"STANDARD\", \"username\": \"a:{{SessionName}}\", \"kubernetesGroups\": [\"g\"],"
                    + " \"accessPolicies\": [{\"policyArn\": \"arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy\","
                    + " \"accessScope\": {\"type\": \"namespace\", \"namespaces\": [\"dev-*\"]}}]}",
                    "{\"principalArn\": \"arn:aws:iam::111122223333:role/Node\", \"type\": \"EC2_LINUX\"}"));

            assertThat(read.problems()).isEmpty();
            assertThat(AccessEntries.fromJson(read.toJson()).entries()).isEqualTo(read.entries());
        }
    }

    @Nested
    class Mapping {
        final AccessEntries entries = AccessEntries.of(List.of(
                new AccessEntry(Arn.parse("arn:aws:iam::111122223333:role/team/Dev"), AccessEntryType.STANDARD, Optional.empty(),
                        List.of("devs"), List.of()),
                new AccessEntry(Arn.parse("arn:aws:iam::111122223333:user/bob"), AccessEntryType.STANDARD, Optional.empty(),
                        List.of(), List.of()),
                new AccessEntry(Arn.parse("arn:aws:iam::111122223333:role/Fargate"), AccessEntryType.FARGATE_LINUX,
                        Optional.empty(), List.of(), List.of()),
                new AccessEntry(Arn.parse("arn:aws:iam::111122223333:role/Nodes"), AccessEntryType.EC2_LINUX,
                        Optional.empty(), List.of(), List.of())));

        @Test
        void aSessionOfARoleWrittenWithAPathGetsTheStsArnUsernameWithoutThePath() {
            KubernetesUser user = entries.map(session("Dev", "alice@example.com")).orElseThrow();

            assertThat(user.username()).isEqualTo("arn:aws:sts::111122223333:assumed-role/Dev/alice-example.com");
            assertThat(user.groups()).containsExactly("devs");
            assertThat(user.extra().get("canonicalArn")).containsExactly("arn:aws:iam::111122223333:role/Dev");
        }

        @Test
        void aUserEntryMapsToTheUsersArn() {
            CallerIdentity bob = CallerIdentity.of("arn:aws:iam::111122223333:user/bob", ACCOUNT, "AIDAEXAMPLE", "AKIAEXAMPLE",
                    "sts.amazonaws.com");

            assertThat(entries.map(bob).orElseThrow().username()).isEqualTo("arn:aws:iam::111122223333:user/bob");
        }

        @Test
        void nodeTypesGetTheUsernameAndGroupsEksSets() {
            KubernetesUser node = entries.map(session("Fargate", "fargate-ip-10-0-0-1")).orElseThrow();

            assertThat(node.username()).isEqualTo("system:node:fargate-ip-10-0-0-1");
            assertThat(node.groups()).containsExactly("system:nodes");
            assertThat(entries.map(session("Nodes", "i-0abc"), id -> "ip-10-0-0-2.ec2.internal").orElseThrow().username())
                    .isEqualTo("system:node:ip-10-0-0-2.ec2.internal");
            assertThatThrownBy(() -> entries.map(session("Nodes", "i-0abc"))).isInstanceOf(TemplateRenderException.class);
        }

        @Test
        void aPrincipalWithoutAnEntryIsNotMapped() {
            assertThat(entries.map(session("Other", "x"))).isEmpty();
        }

        @Test
        void entriesBuiltInCodeAreCheckedToo() {
            assertThatThrownBy(() -> AccessEntries.of(List.of(new AccessEntry(Arn.parse("arn:aws:iam::111122223333:role/N"),
                    AccessEntryType.EC2_LINUX, Optional.of("me"), List.of(), List.of()))))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
