package dev.eksauth.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArnTest {

    @Nested
    class Parsing {
        @Test
        void readsTheSixSections() {
            Arn arn = Arn.parse("arn:aws-cn:iam::123456789012:role/team/dev");

            assertThat(arn.partition()).isEqualTo(Partition.AWS_CN);
            assertThat(arn.service()).isEqualTo("iam");
            assertThat(arn.region()).isEmpty();
            assertThat(arn.accountId()).isEqualTo("123456789012");
            assertThat(arn.resource()).isEqualTo("role/team/dev");
        }

        @Test
        void keepsColonsAndSlashesInTheResource() {
            Arn arn = Arn.parse("arn:aws:logs:us-east-1:123456789012:log-group:/aws/eks/prod:*");

            assertThat(arn.region()).isEqualTo("us-east-1");
            assertThat(arn.resource()).isEqualTo("log-group:/aws/eks/prod:*");
        }

        @Test
        void toStringGivesBackTheText() {
            String text = "arn:aws:sts::123456789012:assumed-role/Admin/alice@example.com";

            assertThat(Arn.parse(text).toString()).isEqualTo(text);
        }
    }

    @Nested
    class Refusing {
        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(delimiter = '|', value = {
            "aws:iam::123456789012:root|MISSING_PREFIX",
            "ARN:aws:iam::123456789012:root|MISSING_PREFIX",
            "''|MISSING_PREFIX",
            "arn:aws:iam:123456789012|TOO_FEW_SECTIONS",
            "arn:aws|TOO_FEW_SECTIONS",
            "arn::iam::123456789012:root|EMPTY_PARTITION",
            "arn:aws:::123456789012:root|EMPTY_SERVICE",
            "arn:aws:iam::123456789012:|EMPTY_RESOURCE",
            "arn:aws-mars:iam::123456789012:root|UNKNOWN_PARTITION",
            "arn:AWS:iam::123456789012:root|UNKNOWN_PARTITION"})
        void malformedArnsWithTheirReason(String text, InvalidArnException.Reason reason) {
            assertThatThrownBy(() -> Arn.parse(text))
                    .isInstanceOfSatisfying(InvalidArnException.class, e -> assertThat(e.reason()).isEqualTo(reason));
        }

        @Test
        void nullIsAMissingPrefix() {
            assertThatThrownBy(() -> Arn.parse(null))
                    .isInstanceOfSatisfying(InvalidArnException.class,
                            e -> assertThat(e.reason()).isEqualTo(InvalidArnException.Reason.MISSING_PREFIX));
        }

        @Test
        void messagesNameTheProblemAndEscapeControlCharacters() {
            assertThatThrownBy(() -> Arn.parse("arn:aws-mars:iam::1:root\n"))
                    .hasMessageContaining("unknown partition 'aws-mars'")
                    .hasMessageContaining("expected one of aws, aws-cn")
                    .hasMessageNotContaining("\n");
        }

        @Test
        void theConstructorRefusesColonsOutsideTheResource() {
            assertThatThrownBy(() -> new Arn(Partition.AWS, "iam", "us:east", "1", "root"))
                    .isInstanceOf(InvalidArnException.class);
        }
    }
}
