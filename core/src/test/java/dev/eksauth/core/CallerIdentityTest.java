package dev.eksauth.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CallerIdentityTest {
    static final String HOST = "sts.us-west-2.amazonaws.com";

    @Test
    void anAssumedRolesUserIdIsSplitIntoRoleIdAndSession() {
        CallerIdentity id = CallerIdentity.of("arn:aws:sts::123456789012:assumed-role/Admin/alice@example.com",
                "123456789012", "AROAEXAMPLE:alice@example.com", "ASIAKEY", HOST);

        assertThat(id.userId()).isEqualTo("AROAEXAMPLE");
        assertThat(id.sessionName()).contains("alice@example.com");
        assertThat(id.canonicalArn()).hasToString("arn:aws:iam::123456789012:role/Admin");
        assertThat(id.principalType()).isEqualTo(PrincipalType.ASSUMED_ROLE);
        assertThat(id.accessKeyId()).isEqualTo("ASIAKEY");
        assertThat(id.stsEndpoint()).isEqualTo(HOST);
    }

    @Test
    void usersRootAndFederatedUsersKeepTheWholeUserId() {
        assertThat(CallerIdentity.of("arn:aws:iam::123456789012:user/alice", "123456789012", "AIDAEXAMPLE", "AKIA", HOST)
                .userId()).isEqualTo("AIDAEXAMPLE");
        assertThat(CallerIdentity.of("arn:aws:iam::123456789012:root", "123456789012", "123456789012", "AKIA", HOST)
                .sessionName()).isEmpty();
        CallerIdentity fed = CallerIdentity.of("arn:aws:sts::123456789012:federated-user/bob", "123456789012",
                "123456789012:bob", "ASIA", HOST);
        assertThat(fed.userId()).isEqualTo("123456789012:bob");
        assertThat(fed.sessionName()).isEmpty();
    }

    @Test
    void anAccountThatDiffersFromTheArnsIsRefused() {
        assertThatThrownBy(() -> CallerIdentity.of("arn:aws:iam::123456789012:user/alice", "999999999999", "AIDA",
                "AKIA", HOST)).isInstanceOf(InvalidIdentityException.class).hasMessageContaining("differs");
    }

    @Test
    void malformedAssumedRoleUserIdsAreRefused() {
        String arn = "arn:aws:sts::123456789012:assumed-role/Admin/alice";
        for (String userId : new String[] {"AROAEXAMPLE", ":alice", "AROAEXAMPLE:", "AROAEXAMPLE:bob"}) {
            assertThatThrownBy(() -> CallerIdentity.of(arn, "123456789012", userId, "ASIA", HOST))
                    .as(userId).isInstanceOf(InvalidIdentityException.class);
        }
    }

    @Test
    void anArnThatIsNotAPrincipalIsRefused() {
        assertThatThrownBy(() -> CallerIdentity.of("arn:aws:s3:::bucket", "", "x", "AKIA", HOST))
                .isInstanceOf(InvalidArnException.class);
    }
}
