package dev.eksauth.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArnPatternTest {

    @Test
    void starMatchesAnyRunAndQuestionMarkOneCharacter() {
        ArnPattern p = ArnPattern.compile("arn:aws:iam::*:role/dev-?");

        assertThat(p.matches("arn:aws:iam::123456789012:role/dev-a")).isTrue();
        assertThat(p.matches("arn:aws:iam::123456789012:role/dev-ab")).isFalse();
        assertThat(p.matches("arn:aws:iam::123456789012:role/dev-")).isFalse();
    }

    @Test
    void aWildcardNeverSpansAColonOutsideTheResource() {
        ArnPattern p = ArnPattern.compile("arn:aws:iam::*:role/x");

        assertThat(p.matches("arn:aws:iam::1:2:role/x")).isFalse();
        assertThat(ArnPattern.compile("arn:*:iam::1:root").matches("arn:aws:extra:iam::1:root")).isFalse();
    }

    @Test
    void resourceWildcardsSpanSlashesAndColons() {
        ArnPattern p = ArnPattern.compile("arn:aws:logs:*:*:log-group:*");

        assertThat(p.matches("arn:aws:logs:us-east-1:1:log-group:/aws/eks:*")).isTrue();
        assertThat(ArnPattern.compile("arn:aws:iam::1:role/*").matches(Arn.parse("arn:aws:iam::1:role/a/b/c"))).isTrue();
    }

    @Test
    void matchingIsCaseSensitive() {
        assertThat(ArnPattern.compile("arn:aws:iam::1:role/Admin").matches("arn:aws:iam::1:role/admin")).isFalse();
    }

    @Test
    void aStarInTheTextIsAnOrdinaryCharacter() {
        assertThat(ArnPattern.compile("arn:aws:iam::1:role/a*").matches("arn:aws:iam::1:role/a*b")).isTrue();
        assertThat(ArnPattern.compile("arn:aws:iam::1:role/a?c").matches("arn:aws:iam::1:role/a*c")).isTrue();
        assertThat(ArnPattern.compile("arn:aws:iam::1:role/abc").matches("arn:aws:iam::1:role/a*c")).isFalse();
    }

    @Test
    void textThatIsNotSixSectionsNeverMatches() {
        assertThat(ArnPattern.compile("arn:*:*:*:*:*").matches("arn:aws:iam")).isFalse();
    }

    @Test
    void pathologicalPatternsStayFast() {
        ArnPattern p = ArnPattern.compile("arn:aws:iam::1:" + "*a".repeat(50) + "b");

        assertThat(p.matches("arn:aws:iam::1:" + "a".repeat(5000))).isFalse();
    }

    @Test
    void malformedPatternsAreRefused() {
        assertThatThrownBy(() -> ArnPattern.compile("aws:iam::*:role/x"))
                .isInstanceOfSatisfying(InvalidArnException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidArnException.Reason.MISSING_PREFIX));
        assertThatThrownBy(() -> ArnPattern.compile("arn:aws:iam"))
                .isInstanceOfSatisfying(InvalidArnException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidArnException.Reason.TOO_FEW_SECTIONS));
    }
}
