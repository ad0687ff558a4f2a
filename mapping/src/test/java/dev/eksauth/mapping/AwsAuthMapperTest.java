package dev.eksauth.mapping;

import static dev.eksauth.mapping.Fixtures.assumedRole;
import static dev.eksauth.mapping.Fixtures.username;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.eksauth.core.Arn;
import dev.eksauth.core.CallerIdentity;
import dev.eksauth.core.Partition;
import dev.eksauth.core.UsernameTemplate;

class AwsAuthMapperTest {
    static final String ACCOUNT = "111122223333";

    static RoleMapping role(String arn, String username) {
        return RoleMapping.of(Arn.parse(arn), username, List.of("g"));
    }

    static AwsAuthMapper mapper(List<RoleMapping> roles, List<UserMapping> users, List<String> accounts) {
        return AwsAuthMapper.of(new AwsAuthConfig(roles, users, accounts));
    }

    @Nested
    class Roles {
        @Test
        void anAssumedRoleMatchesItsRoleCaseInsensitively() {
            AwsAuthMapper m = mapper(List.of(role("arn:aws:iam::111122223333:role/admin", "admin")), List.of(), List.of());

            assertThat(username(m, assumedRole(ACCOUNT, "Admin", "alice"))).contains("admin");
            assertThat(m.map(assumedRole(ACCOUNT, "Admin", "alice")).orElseThrow().source()).isEqualTo("mapRoles[0]");
        }

        @Test
        void aMappingWrittenWithAPathMatchesThePathlessSessionArn() {
            AwsAuthMapper m = mapper(List.of(role("arn:aws:iam::111122223333:role/team/dev/Deployer", "deployer")),
                    List.of(), List.of());

            assertThat(username(m, assumedRole(ACCOUNT, "Deployer", "ci"))).contains("deployer");
        }

        @Test
        void strictAsEksAMappingWrittenWithAPathDoesNotMatchTheSession() {
            AwsAuthConfig config = new AwsAuthConfig(List.of(role("arn:aws:iam::111122223333:role/team/dev/Deployer", "deployer"),
                    role("arn:aws:iam::111122223333:role/Plain", "plain")), List.of(), List.of());
            AwsAuthMapper strict = AwsAuthMapper.of(config, RoleArnMatching.STRICT_AS_EKS);

            assertThat(strict.map(assumedRole(ACCOUNT, "Deployer", "ci"))).isEmpty();
            assertThat(username(strict, assumedRole(ACCOUNT, "Plain", "ci"))).contains("plain");
        }

        @Test
        void anotherAccountsRoleOfTheSameNameDoesNotMatch() {
            AwsAuthMapper m = mapper(List.of(role("arn:aws:iam::111122223333:role/Admin", "admin")), List.of(), List.of());

            assertThat(m.map(assumedRole("999988887777", "Admin", "mallory"))).isEmpty();
        }

        @Test
        void theLaterOfTwoEntriesForOneRoleWins() {
            AwsAuthMapper m = mapper(List.of(role("arn:aws:iam::111122223333:role/Dup", "first"),
                    role("arn:aws:iam::111122223333:role/Dup", "second")), List.of(), List.of());

            assertThat(username(m, assumedRole(ACCOUNT, "Dup", "s"))).contains("second");
        }

        @Test
        void anEntryWithAUserIdMatchesOnlyThatPrincipal() {
            RoleMapping pinned = new RoleMapping(Optional.of(Arn.parse("arn:aws:iam::111122223333:role/Pinned")),
                    Optional.empty(), UsernameTemplate.compile("pinned"), List.of(), Optional.of("AROAPINNED"));
            AwsAuthMapper m = mapper(List.of(pinned), List.of(), List.of());
            CallerIdentity same = CallerIdentity.of("arn:aws:sts::111122223333:assumed-role/Pinned/s", ACCOUNT,
                    "AROAPINNED:s", "ASIAKEY", "sts.amazonaws.com");

            assertThat(username(m, same)).contains("pinned");
            assertThat(m.map(assumedRole(ACCOUNT, "Pinned", "s"))).isEmpty();
        }
    }

    @Nested
    class SingleSignOn {
        final AwsAuthMapper m = mapper(List.of(RoleMapping.of(new SsoMatcher("Admin_Access", ACCOUNT, Partition.AWS),
                "sso:{{SessionName}}", List.of())), List.of(), List.of());

        @Test
        void matchesThePermissionSetsRoleWithoutPath() {
            assertThat(username(m, assumedRole(ACCOUNT, "AWSReservedSSO_Admin_Access_0123456789abcdef", "alice@example.com")))
                    .contains("sso:{{SessionName}}");
        }

        @Test
        void matchesThePermissionSetsRoleWithItsPathAndRegion() {
            CallerIdentity role = CallerIdentity.of("arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/"
                    + "eu-west-1/AWSReservedSSO_Admin_Access_0123456789abcdef", ACCOUNT, "AROAX", "AKIAX", "sts.amazonaws.com");

            assertThat(m.map(role)).isPresent();
        }

        @Test
        void doesNotMatchOtherPermissionSetsOrAccounts() {
            assertThat(m.map(assumedRole(ACCOUNT, "AWSReservedSSO_Admin_0123456789abcdef", "a"))).isEmpty();
            assertThat(m.map(assumedRole("999988887777", "AWSReservedSSO_Admin_Access_0123456789abcdef", "a"))).isEmpty();
            assertThat(m.map(assumedRole(ACCOUNT, "Admin_Access", "a"))).isEmpty();
        }
    }

    @Nested
    class UsersAndAccounts {
        @Test
        void aUserMatchesItsArn() {
            AwsAuthMapper m = mapper(List.of(), List.of(UserMapping.of(Arn.parse("arn:aws:iam::111122223333:user/alice"),
                    "alice", List.of("dev"))), List.of());

            assertThat(username(m, Fixtures.user(ACCOUNT, "alice"))).contains("alice");
            assertThat(m.map(Fixtures.user(ACCOUNT, "bob"))).isEmpty();
        }

        @Test
        void aMappedAccountMapsAnyPrincipalToItsCanonicalArnWithNoGroups() {
            AwsAuthMapper m = mapper(List.of(), List.of(), List.of(ACCOUNT));

            Mapping mapping = m.map(assumedRole(ACCOUNT, "Anything", "s")).orElseThrow();

            assertThat(mapping.username().text()).isEqualTo("arn:aws:iam::111122223333:role/Anything");
            assertThat(mapping.groups()).isEmpty();
            assertThat(mapping.source()).isEqualTo("mapAccounts");
        }

        @Test
        void specificMappingsWinOverTheAccount() {
            AwsAuthMapper m = mapper(List.of(role("arn:aws:iam::111122223333:role/Admin", "admin")), List.of(),
                    List.of(ACCOUNT));

            assertThat(username(m, assumedRole(ACCOUNT, "Admin", "s"))).contains("admin");
        }
    }
}
