package dev.eksauth.eks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.eksauth.mapping.AwsAuth;
import dev.eksauth.testkit.FakeEks;
import dev.eksauth.testkit.FakeEksExtension;
import dev.eksauth.testkit.StsIdentity;

class MigrationPlanTest {
    private static final String A = "111122223333";

    static String resource(String name) {
        try (InputStream in = MigrationPlanTest.class.getResourceAsStream("/migration/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static MigrationPlan plan() {
        return MigrationPlan.of(AwsAuth.parseConfigMap(resource("aws-auth.yaml")));
    }

    @Nested
    class ARepresentativeAwsAuth {
        @Test
        void isPlannedAsExpected() throws IOException {
            ObjectMapper json = new ObjectMapper();

            assertThat(json.readTree(plan().toJson())).isEqualTo(json.readTree(resource("expected-plan.json")));
        }

        @Test
        void printsTheEquivalentAwsCliCommands() {
            assertThat(plan().awsCliCommands("prod")).contains(
                    "aws eks create-access-entry --cluster-name prod --principal-arn arn:aws:iam::" + A
                            + ":role/eks-nodes --type EC2_LINUX",
                    "aws eks create-access-entry --cluster-name prod --principal-arn arn:aws:iam::" + A
                            + ":role/admins --type STANDARD --username 'admin:{{SessionName}}'",
                    "aws eks associate-access-policy --cluster-name prod --principal-arn arn:aws:iam::" + A
                            + ":role/admins --policy-arn " + MigrationPlan.CLUSTER_ADMIN_POLICY + " --access-scope type=cluster",
                    "aws eks create-access-entry --cluster-name prod --principal-arn arn:aws:iam::" + A
                            + ":role/team-a --type STANDARD --kubernetes-groups team-a viewers");
        }
    }

    @Nested
    class Sources {
        @Test
        void nameTheEntryInTheDocumentWhenAnEarlierOneWasNotRead() {
            MigrationPlan plan = MigrationPlan.of(AwsAuth.parseData(java.util.Map.of("mapUsers",
                    "- userarn: arn:aws:iam::" + A + ":user/alice\n  username: \"\"\n"
                            + "- userarn: arn:aws:iam::" + A + ":user/bob\n  username: system:bob\n")));

            assertThat(plan.unmigrated()).extracting(MigrationPlan.Unmigrated::source).containsExactly("mapUsers[0]", "mapUsers[1]");
            assertThat(plan.unmigrated().get(1).reason()).isEqualTo("EKS would refuse the entry: username must not start with system:");
        }
    }

    @Nested
    class Applying {
        @RegisterExtension
        final FakeEksExtension fake = FakeEksExtension.create();

        private FakeEks eks;
        private EksClusters clusters;

        @BeforeEach
        void setUp() {
            eks = fake.get();
            eks.addCluster("prod");
            clusters = Fixtures.clusters(eks, eks.register(StsIdentity.user(A, "admin")));
        }

        @Test
        void createsTheEntriesAndTheirPolicies() {
            List<MigrationOutcome> outcomes = plan().apply(clusters, "prod");

            assertThat(outcomes).extracting(MigrationOutcome::result).containsOnly(MigrationOutcome.Result.CREATED);
            assertThat(clusters.accessEntries("prod").entries()).isEqualTo(plan().entries().entries());
        }

        @Test
        void twiceChangesNothingTheSecondTime() {
            plan().apply(clusters, "prod");
            List<String> before = eks.cluster("prod").accessEntriesJson();

            List<MigrationOutcome> second = plan().apply(clusters, "prod");

            assertThat(second).extracting(MigrationOutcome::result).containsOnly(MigrationOutcome.Result.UNCHANGED);
            assertThat(eks.cluster("prod").accessEntriesJson()).isEqualTo(before);
            assertThat(eks.requestCount("CreateAccessEntry")).isEqualTo(plan().entries().entries().size());
        }

        @Test
        void reportsAnEntryThatDiffersAndNeverOverwritesIt() {
            String teamA = "arn:aws:iam::" + A + ":role/team-a";
            eks.cluster("prod").accessEntry(teamA, "STANDARD", null, List.of("other"));

            List<MigrationOutcome> outcomes = plan().apply(clusters, "prod");

            assertThat(outcomes).filteredOn(o -> o.principalArn().equals(teamA)).singleElement().satisfies(o -> {
                assertThat(o.result()).isEqualTo(MigrationOutcome.Result.CONFLICT);
                assertThat(o.detail()).contains("kubernetesGroups are [other]");
            });
            assertThat(eks.cluster("prod").accessEntriesJson().get(0)).contains("\"other\"");
        }

        @Test
        void aDeniedCreateNamesThePermission() {
            eks.deny("CreateAccessEntry");
            assertThatThrownBy(() -> plan().apply(clusters, "prod")).isInstanceOf(EksAccessDeniedException.class)
                    .hasMessageContaining("eks:CreateAccessEntry");
        }
    }
}
