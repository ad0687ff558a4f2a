package dev.eksauth.webidentity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.eksauth.core.InvalidArnException;
import dev.eksauth.webidentity.InvalidWebIdentityException.Reason;
import software.amazon.awssdk.regions.Region;

class WebIdentitySettingsTest {
    static final String TOKEN_FILE = "/var/run/secrets/eks.amazonaws.com/serviceaccount/token";
    static final String ROLE = "arn:aws:iam::123456789012:role/app";

    final Map<String, String> env = new HashMap<>(Map.of(
            "AWS_WEB_IDENTITY_TOKEN_FILE", TOKEN_FILE,
            "AWS_ROLE_ARN", ROLE));
    final Map<String, String> properties = new HashMap<>();

    WebIdentitySettings read() {
        return WebIdentitySettings.fromEnvironment(env::get, properties::get);
    }

    @Test
    void readsWhatThePodIdentityWebhookSets() {
        env.put("AWS_ROLE_SESSION_NAME", "checkout-7d9f");
        env.put("AWS_REGION", "eu-west-1");
        env.put("AWS_DEFAULT_REGION", "eu-west-1");
        env.put("AWS_STS_REGIONAL_ENDPOINTS", "regional");

        assertThat(read()).isEqualTo(new WebIdentitySettings(Path.of(TOKEN_FILE), ROLE, Optional.of("checkout-7d9f"),
                Optional.of(Region.EU_WEST_1)));
    }

    @Test
    void theSessionNameAndRegionAreOptional() {
        WebIdentitySettings settings = read();

        assertThat(settings.roleSessionName()).isEmpty();
        assertThat(settings.region()).isEmpty();
    }

    @Test
    void systemPropertiesWinOverTheEnvironment() {
        env.put("AWS_ROLE_SESSION_NAME", "from-env");
        env.put("AWS_REGION", "eu-west-1");
        properties.put("aws.webIdentityTokenFile", "/etc/token");
        properties.put("aws.roleArn", "arn:aws:iam::210987654321:role/other");
        properties.put("aws.roleSessionName", "from-property");
        properties.put("aws.region", "ap-southeast-2");

        assertThat(read()).isEqualTo(new WebIdentitySettings(Path.of("/etc/token"),
                "arn:aws:iam::210987654321:role/other", Optional.of("from-property"), Optional.of(Region.AP_SOUTHEAST_2)));
    }

    @Test
    void eachSettingFallsBackToTheEnvironmentOnItsOwn() {
        properties.put("aws.roleSessionName", "from-property");

        WebIdentitySettings settings = read();

        assertThat(settings.tokenFile()).isEqualTo(Path.of(TOKEN_FILE));
        assertThat(settings.roleArn()).isEqualTo(ROLE);
        assertThat(settings.roleSessionName()).contains("from-property");
    }

    @Test
    void aBlankPropertyCountsAsUnset() {
        properties.put("aws.roleArn", "  ");

        assertThat(read().roleArn()).isEqualTo(ROLE);
    }

    @Test
    void surroundingWhitespaceIsRemoved() {
        env.put("AWS_ROLE_ARN", ROLE + "\n");
        env.put("AWS_ROLE_SESSION_NAME", " ci-42 ");

        assertThat(read().roleArn()).isEqualTo(ROLE);
        assertThat(read().roleSessionName()).contains("ci-42");
    }

    @Test
    void awsDefaultRegionIsTheFallbackRegion() {
        env.put("AWS_DEFAULT_REGION", "us-east-2");

        assertThat(read().region()).contains(Region.US_EAST_2);
    }

    @Test
    void aMissingTokenFileNamesTheVariableAndTheProperty() {
        env.remove("AWS_WEB_IDENTITY_TOKEN_FILE");

        assertThatThrownBy(this::read).isInstanceOfSatisfying(InvalidWebIdentityException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_SETTING))
                .hasMessageContaining("AWS_WEB_IDENTITY_TOKEN_FILE").hasMessageContaining("aws.webIdentityTokenFile");
    }

    @Test
    void aMissingRoleNamesTheVariableAndTheProperty() {
        env.put("AWS_ROLE_ARN", "");

        assertThatThrownBy(this::read).isInstanceOfSatisfying(InvalidWebIdentityException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_SETTING))
                .hasMessageContaining("AWS_ROLE_ARN").hasMessageContaining("aws.roleArn");
    }

    @ParameterizedTest
    @ValueSource(strings = {"app", "arn:aws:iam::123456789012", "arn:nowhere:iam::123456789012:role/app",
        "arn:aws:s3:::bucket", "arn:aws:iam::123456789012:role/"})
    void aMalformedRoleArnIsAnInvalidSettingCarryingTheArnError(String arn) {
        env.put("AWS_ROLE_ARN", arn);

        assertThatThrownBy(this::read).isInstanceOfSatisfying(InvalidWebIdentityException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.INVALID_SETTING);
            assertThat(e.getCause()).isInstanceOf(IllegalArgumentException.class).hasMessage(e.getMessage());
        }).hasRootCauseInstanceOf(InvalidArnException.class)
                .hasMessageContaining("environment variable AWS_ROLE_ARN").hasMessageContaining(arn);
    }

    @Test
    void aPrincipalThatIsNotARoleIsAnInvalidSetting() {
        properties.put("aws.roleArn", "arn:aws:iam::123456789012:user/alice");

        assertThatThrownBy(this::read).isInstanceOfSatisfying(InvalidWebIdentityException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_SETTING))
                .hasMessageContaining("system property aws.roleArn").hasMessageContaining("names a user, not a role");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "has space", "slash/y", "x23456789012345678901234567890123456789012345678901234567890123456", "ünïcode"})
    void aSessionNameStsRefusesIsAnInvalidSetting(String name) {
        env.put("AWS_ROLE_SESSION_NAME", name);

        assertThatThrownBy(this::read).isInstanceOfSatisfying(InvalidWebIdentityException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_SETTING))
                .hasMessageContaining("AWS_ROLE_SESSION_NAME").hasMessageContaining("2 to 64 characters");
    }

    @Test
    void aMalformedRegionIsAnInvalidSetting() {
        env.put("AWS_REGION", "US_WEST_2");

        assertThatThrownBy(this::read).isInstanceOfSatisfying(InvalidWebIdentityException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_SETTING))
                .hasMessageContaining("AWS_REGION");
    }

    @Test
    void aTokenFileThatIsNoPathIsAnInvalidSetting() {
        env.put("AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/\u0000token");

        assertThatThrownBy(this::read).isInstanceOfSatisfying(InvalidWebIdentityException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_SETTING))
                .hasMessageContaining("AWS_WEB_IDENTITY_TOKEN_FILE");
    }

    @Test
    void theRecordChecksItsComponentsAsTheBuilderDoes() {
        assertThatThrownBy(() -> new WebIdentitySettings(Path.of(TOKEN_FILE), "arn:aws:iam::123456789012:root",
                Optional.empty(), Optional.empty())).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("roleArn");
        assertThatThrownBy(() -> new WebIdentitySettings(Path.of(TOKEN_FILE), ROLE, Optional.of("x"), Optional.empty()))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("roleSessionName");
        assertThatThrownBy(() -> new WebIdentitySettings(Path.of(TOKEN_FILE), ROLE, Optional.empty(),
                Optional.of(Region.of("Not A Region")))).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("region");
    }
}
