package dev.eksauth.cli.internal;

import java.net.URI;
import java.time.Duration;

import dev.eksauth.core.PrivateDnsNameResolver;
import dev.eksauth.core.PrivateDnsNameUnavailableException;
import dev.eksauth.core.SettingChecks;
import dev.eksauth.mapping.Ec2PrivateDnsNameResolver;
import dev.eksauth.mapping.Ec2PrivateDnsNameResolverMetrics;
import dev.eksauth.token.AssumeRoleCredentialsProvider;
import dev.eksauth.token.SessionCredentialsCache;
import io.micrometer.core.instrument.MeterRegistry;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.Ec2ClientBuilder;

/**
 * The options of the EC2 lookup that renders {@code {{EC2PrivateDNSName}}}, shared by map and
 * serve, and the resolver they configure. Not public API.
 */
final class Ec2Options {
    @Option(names = "--ec2-role-arn", paramLabel = "ARN",
            description = "Assume this role for EC2 DescribeInstances (which {{EC2PrivateDNSName}} needs); "
                    + "default: call with the process's own AWS credentials.")
    String roleArn;

    @Option(names = "--ec2-max-calls-per-second", paramLabel = "RATE", defaultValue = "5",
            description = "The most DescribeInstances calls per second (above 0, at most 1000); default ${DEFAULT-VALUE}.")
    double maxCallsPerSecond;

    @Option(names = "--ec2-batch-window", paramLabel = "DURATION", defaultValue = "20ms", converter = Durations.class,
            description = "How long a lookup waits for others to share its DescribeInstances call (0s to 1m); "
                    + "default ${DEFAULT-VALUE}.")
    Duration batchWindow;

    /**
     * A resolver that creates its EC2 client and {@link Ec2PrivateDnsNameResolver} when a template
     * first needs a private DNS name, so that a mapping without {@code {{EC2PrivateDNSName}}} never
     * reaches for EC2. Region and credentials are read as the AWS SDK reads them (from the console's
     * environment); the endpoint is {@code AWS_ENDPOINT_URL_EC2}, else {@code AWS_ENDPOINT_URL},
     * else the region's.
     *
     * @throws CliException when an option is out of range or the role ARN is not a role
     */
    Lookup lookup(Console console) {
        try {
            Ec2PrivateDnsNameResolver.builder().maxCallsPerSecond(maxCallsPerSecond).batchWindow(batchWindow);
            if (roleArn != null) {
                SettingChecks.roleArn(roleArn, "--ec2-role-arn");
            }
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage());
        }
        return new Lookup(this, console);
    }

    /** The lazily created resolver; {@link #close()} closes what it created. Thread-safe. */
    static final class Lookup implements PrivateDnsNameResolver, AutoCloseable {
        private final Ec2Options options;
        private final Console console;
        private AwsCredentialsProvider credentials;
        private Ec2Client ec2;
        private Ec2PrivateDnsNameResolver resolver;
        private MeterRegistry registry;
        private boolean closed;

        private Lookup(Ec2Options options, Console console) {
            this.options = options;
            this.console = console;
        }

        /** Binds the resolver's meters to the registry once it exists (at once if it does). */
        synchronized void bindTo(MeterRegistry registry) {
            this.registry = registry;
            if (resolver != null) {
                Ec2PrivateDnsNameResolverMetrics.of(resolver).bindTo(registry);
            }
        }

        @Override
        public String privateDnsName(String instanceId) {
            return resolver().privateDnsName(instanceId);
        }

        private synchronized Ec2PrivateDnsNameResolver resolver() {
            if (closed) {
                throw new PrivateDnsNameUnavailableException("the EC2 lookup is closed", null);
            }
            if (resolver == null) {
                AwsSettings aws = new AwsSettings(console, null);
                Region region = aws.region(null);
                URI stsEndpoint = aws.stsApiEndpoint(null);
                credentials = aws.credentials(new AwsSettings.RoleSupport(serial -> {
                    throw new IllegalStateException("no MFA code can be asked for EC2 lookups (" + serial + ")");
                }, SessionCredentialsCache::none, region, stsEndpoint));
                if (options.roleArn != null) {
                    AssumeRoleCredentialsProvider.Builder role = AssumeRoleCredentialsProvider.builder()
                            .roleArn(options.roleArn).sourceCredentials(credentials).region(region)
                            .clock(console.clock());
                    if (stsEndpoint != null) {
                        role.stsEndpoint(stsEndpoint);
                    }
                    credentials = role.build();
                }
                Ec2ClientBuilder client = Ec2Client.builder().region(region).credentialsProvider(credentials)
                        .httpClient(UrlConnectionHttpClient.create());
                URI endpoint = aws.endpoint("EC2");
                if (endpoint != null) {
                    client.endpointOverride(endpoint);
                }
                ec2 = client.build();
                resolver = Ec2PrivateDnsNameResolver.builder().ec2Client(ec2)
                        .maxCallsPerSecond(options.maxCallsPerSecond).batchWindow(options.batchWindow).build();
                if (registry != null) {
                    Ec2PrivateDnsNameResolverMetrics.of(resolver).bindTo(registry);
                }
            }
            return resolver;
        }

        @Override
        public synchronized void close() {
            closed = true;
            if (resolver != null) {
                resolver.close();
                ec2.close();
                AwsSettings.close(credentials);
            }
        }
    }
}
