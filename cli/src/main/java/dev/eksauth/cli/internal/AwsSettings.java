package dev.eksauth.cli.internal;

import java.net.URI;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * The AWS settings of a command, read as the AWS SDK and CLI read them, from the console's
 * environment: credentials from the {@code aws.accessKeyId} system properties, then
 * {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}/{@code AWS_SESSION_TOKEN}, then the SDK's
 * default chain for the {@code AWS_PROFILE} profile (profiles, SSO, web identity, container and
 * instance credentials); the region from {@code AWS_REGION}, {@code AWS_DEFAULT_REGION}, then the
 * profile. Static keys skip the default chain entirely, which keeps {@code eksauth token} quick.
 * Not public API.
 */
final class AwsSettings {
    private final Console console;

    AwsSettings(Console console) {
        this.console = console;
    }

    /** The named profile, from {@code AWS_PROFILE}, or null for the default profile. */
    String profile() {
        return console.env("AWS_PROFILE");
    }

    /**
     * The credentials provider. The caller closes it ({@link #close(AwsCredentialsProvider)}) when it
     * is the default chain.
     */
    AwsCredentialsProvider credentials() {
        if (System.getProperty("aws.accessKeyId") != null) {
            return SystemPropertyCredentialsProvider.create();
        }
        String key = console.env("AWS_ACCESS_KEY_ID");
        String secret = console.env("AWS_SECRET_ACCESS_KEY");
        if (key != null && secret != null) {
            String session = console.env("AWS_SESSION_TOKEN");
            return StaticCredentialsProvider.create(session != null
                    ? AwsSessionCredentials.create(key, secret, session)
                    : AwsBasicCredentials.create(key, secret));
        }
        DefaultCredentialsProvider.Builder chain = DefaultCredentialsProvider.builder();
        if (profile() != null) {
            chain.profileName(profile());
        }
        return chain.build();
    }

    /** The access key id of static credentials, or null: part of a cache key, never a secret. */
    String staticAccessKeyId() {
        String property = System.getProperty("aws.accessKeyId");
        return property != null ? property : console.env("AWS_ACCESS_KEY_ID");
    }

    /** Closes a provider that {@link #credentials()} created, when it holds resources. */
    static void close(AwsCredentialsProvider provider) {
        if (provider instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // Nothing to report: the command's work is done.
            }
        }
    }

    /**
     * The region: the option, else {@code AWS_REGION}, else {@code AWS_DEFAULT_REGION}, else the
     * profile's, else {@code us-east-1}.
     */
    Region region(String option) {
        String id = option != null ? option : console.env("AWS_REGION");
        if (id == null) {
            id = console.env("AWS_DEFAULT_REGION");
        }
        if (id != null) {
            if (id.isBlank() || !id.matches("[a-z0-9-]{1,64}")) {
                throw new CliException(ExitCode.USAGE, "the region '" + id.strip() + "' is not a region name such as us-west-2");
            }
            return Region.of(id);
        }
        try {
            DefaultAwsRegionProviderChain.Builder chain = DefaultAwsRegionProviderChain.builder();
            if (profile() != null) {
                chain.profileName(profile());
            }
            return chain.build().getRegion();
        } catch (SdkClientException e) {
            return Region.US_EAST_1;
        }
    }

    /** Where STS API calls (AssumeRole) go: the option, else {@code AWS_ENDPOINT_URL_STS}, else {@code AWS_ENDPOINT_URL}. */
    URI stsApiEndpoint(URI option) {
        if (option != null) {
            return option;
        }
        String url = console.env("AWS_ENDPOINT_URL_STS") != null ? console.env("AWS_ENDPOINT_URL_STS")
                : console.env("AWS_ENDPOINT_URL");
        String name = console.env("AWS_ENDPOINT_URL_STS") != null ? "AWS_ENDPOINT_URL_STS" : "AWS_ENDPOINT_URL";
        return url == null ? null : Urls.parse(url, name);
    }
}
