package dev.eksauth.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class PrincipalTest {

    @Nested
    class Canonicalisation {
        @Test
        void anAssumedRoleBecomesItsRole() {
            Principal p = Principal.parse("arn:aws:sts::123456789012:assumed-role/Admin/alice@example.com");

            assertThat(p.type()).isEqualTo(PrincipalType.ASSUMED_ROLE);
            assertThat(p.canonicalArn()).hasToString("arn:aws:iam::123456789012:role/Admin");
            assertThat(p.name()).isEqualTo("Admin");
            assertThat(p.sessionName()).contains("alice@example.com");
        }

        @Test
        void segmentsBeforeTheSessionAreKeptAsTheRolePath() {
            Principal p = Principal.parse("arn:aws:sts::123456789012:assumed-role/team/dev/Deployer/ci-42");

            assertThat(p.canonicalArn()).hasToString("arn:aws:iam::123456789012:role/team/dev/Deployer");
            assertThat(p.name()).isEqualTo("Deployer");
            assertThat(p.path()).isEqualTo("team/dev/");
            assertThat(p.pathlessArn()).hasToString("arn:aws:iam::123456789012:role/Deployer");
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "arn:aws:iam::123456789012:role/Admin",
            "arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Admin_abc123",
            "arn:aws:iam::123456789012:user/alice",
            "arn:aws:iam::123456789012:user/division/alice",
            "arn:aws:iam::123456789012:root",
            "arn:aws:sts::123456789012:federated-user/bob"})
        void otherPrincipalsAreAlreadyCanonical(String arn) {
            assertThat(Principal.parse(arn).canonicalArn()).hasToString(arn);
        }

        @Test
        void aRoleWithAPathHasAPathlessArn() {
            Principal p = Principal.parse(
                    "arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Admin_abc123");

            assertThat(p.type()).isEqualTo(PrincipalType.ROLE);
            assertThat(p.path()).isEqualTo("aws-reserved/sso.amazonaws.com/eu-west-1/");
            assertThat(p.pathlessArn()).hasToString("arn:aws:iam::123456789012:role/AWSReservedSSO_Admin_abc123");
        }

        @Test
        void usersKeepTheirPathInThePathlessArn() {
            Principal p = Principal.parse("arn:aws:iam::123456789012:user/division/alice");

            assertThat(p.type()).isEqualTo(PrincipalType.USER);
            assertThat(p.name()).isEqualTo("alice");
            assertThat(p.pathlessArn()).isEqualTo(p.canonicalArn());
        }

        @Test
        void rootAndFederatedUsers() {
            assertThat(Principal.parse("arn:aws:iam::123456789012:root").type()).isEqualTo(PrincipalType.ROOT);
            Principal fed = Principal.parse("arn:aws:sts::123456789012:federated-user/bob");
            assertThat(fed.type()).isEqualTo(PrincipalType.FEDERATED_USER);
            assertThat(fed.name()).isEqualTo("bob");
            assertThat(fed.sessionName()).isEqualTo(Optional.empty());
        }

        @ParameterizedTest
        @EnumSource(Partition.class)
        void everyPartitionCanonicalisesTheSameWay(Partition partition) {
            Principal p = Principal.parse("arn:" + partition.id() + ":sts::123456789012:assumed-role/Node/i-0abc");

            assertThat(p.canonicalArn()).hasToString("arn:" + partition.id() + ":iam::123456789012:role/Node");
        }
    }

    @Nested
    class NotPrincipals {
        @ParameterizedTest
        @ValueSource(strings = {
            "arn:aws:s3:::my-bucket",
            "arn:aws:ec2:us-east-1:123456789012:instance/i-0abc",
            "arn:aws:iam::123456789012:group/admins",
            "arn:aws:iam::123456789012:policy/ReadOnly",
            "arn:aws:sts::123456789012:assumed-role/Admin",
            "arn:aws:sts::123456789012:assumed-role/Admin/",
            "arn:aws:sts::123456789012:assumed-role//session",
            "arn:aws:iam::123456789012:role/",
            "arn:aws:iam::123456789012:user/team/",
            "arn:aws:sts::123456789012:federated-user/",
            "arn:aws:sts::123456789012:role/Admin",
            "arn:aws:iam::123456789012:assumed-role/Admin/s"})
        void areRefusedWithNotAPrincipal(String arn) {
            assertThatThrownBy(() -> Principal.parse(arn))
                    .isInstanceOfSatisfying(InvalidArnException.class,
                            e -> assertThat(e.reason()).isEqualTo(InvalidArnException.Reason.NOT_A_PRINCIPAL));
        }
    }
}
