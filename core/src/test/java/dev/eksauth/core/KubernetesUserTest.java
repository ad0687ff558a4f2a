package dev.eksauth.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class KubernetesUserTest {

    @Test
    void copiesItsCollectionsAndCannotBeChanged() {
        List<String> groups = new ArrayList<>(List.of("a"));
        Map<String, List<String>> extra = new HashMap<>(Map.of("arn", new ArrayList<>(List.of("x"))));

        KubernetesUser user = new KubernetesUser("alice", "uid", groups, extra);
        groups.add("b");
        extra.get("arn").add("y");

        assertThat(user.groups()).containsExactly("a");
        assertThat(user.extra().get("arn")).containsExactly("x");
        assertThatThrownBy(() -> user.groups().add("c")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> user.extra().put("k", List.of())).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> user.extra().get("arn").add("z")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anEmptyUsernameIsRefused() {
        assertThatThrownBy(() -> KubernetesUser.of("", List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anIamIdentityBecomesTheUserEksReports() {
        CallerIdentity id = CallerIdentity.of("arn:aws:sts::123456789012:assumed-role/Admin/alice", "123456789012",
                "AROAEXAMPLE:alice", "ASIAEXAMPLE", "sts.us-west-2.amazonaws.com");

        KubernetesUser user = KubernetesUser.ofIamIdentity(id, "admin:alice", List.of("admins"));

        assertThat(user.uid()).isEqualTo("aws-iam-authenticator:123456789012:AROAEXAMPLE");
        assertThat(user.extra()).containsOnlyKeys("arn", "canonicalArn", "sessionName", "accessKeyId", "principalId")
                .containsEntry("canonicalArn", List.of("arn:aws:iam::123456789012:role/Admin"))
                .containsEntry("sessionName", List.of("alice"));
    }
}
