package dev.eksauth.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class UntrustedTextTest {

    @Test
    void controlCharactersAreEscapedSoNoLogLineCanBeForged() {
        assertThat(UntrustedText.quote("alice\nERROR forged\u007f")).isEqualTo("alice\\u000aERROR forged\\u007f");
    }

    @Test
    void longTextIsCutAndItsLengthNoted() {
        String quoted = UntrustedText.quote("a".repeat(500));

        assertThat(quoted).startsWith("a".repeat(UntrustedText.MAX_QUOTED)).endsWith("...(500 chars)");
    }

    @Test
    void nullIsShownAsNull() {
        assertThat(UntrustedText.quote(null)).isEqualTo("null");
    }

    @Property
    void aQuotedTextHoldsNoControlCharacterAndStaysShort(@ForAll String text) {
        String quoted = UntrustedText.quote(text);

        assertThat(quoted.chars().noneMatch(c -> c < 0x20 || c == 0x7f)).isTrue();
        assertThat(quoted.length()).isLessThanOrEqualTo(UntrustedText.MAX_QUOTED * 6 + 32);
    }
}
