package dev.eksauth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The verifier's STS endpoint override and the generator's AssumeRole endpoint follow one rule. */
class StsEndpointOverrideTest {
    @ParameterizedTest
    @ValueSource(strings = {"ftp://sts.example/", "sts.example", "/relative", "https:///no-host",
        "https://user:pass@sts.example/", "https://sts.example/?Action=x", "https://sts.example/#part"})
    void bothRefuseWhatIsNotAnHttpUrlWithAHostAndNothingElse(String endpoint) {
        URI uri = URI.create(endpoint);

        assertThatThrownBy(() -> EksTokenVerifier.builder().stsEndpointOverride(uri))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("stsEndpointOverride ")
                .hasMessageContaining("expected an http or https URL");
        assertThatThrownBy(() -> EksTokenGenerator.builder().assumeRoleEndpoint(uri))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("assumeRoleEndpoint ")
                .hasMessageContaining("expected an http or https URL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:4566", "https://sts.us-west-2.amazonaws.com",
        "https://vpce-0123.sts.us-west-2.vpce.amazonaws.com/sts/", "HTTPS://STS.EXAMPLE"})
    void bothAcceptAnHttpOrHttpsUrl(String endpoint) {
        URI uri = URI.create(endpoint);

        assertThat(EksTokenVerifier.builder().stsEndpointOverride(uri)).isNotNull();
        assertThat(EksTokenGenerator.builder().assumeRoleEndpoint(uri)).isNotNull();
    }
}
