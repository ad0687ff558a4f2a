package dev.eksauth.token.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.eksauth.token.CachingTokenSupplier;
import dev.eksauth.token.EksClusterClientBuilder;
import dev.eksauth.token.EksToken;
import dev.eksauth.token.EksTokenGenerator;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * What the client modules' builders share: it collects and checks every option of
 * {@link EksClusterClientBuilder}, and hands a subclass the checked {@link Connection} to build its
 * client from. Not thread-safe. Not public API.
 *
 * @param <B> the public builder type, which the subclass implements
 * @param <T> what it builds
 */
public abstract class ClusterClientBuilder<B extends EksClusterClientBuilder<B, T>, T>
        implements EksClusterClientBuilder<B, T> {
    private final EksTokenGenerator.Builder generator = EksTokenGenerator.builder();
    private String endpoint;
    private String certificateAuthorityPem;
    private int certificateAuthorities;
    private boolean generatorOptions;
    private boolean clusterId;
    private Clock clock;
    private Duration refreshMargin;
    private Supplier<EksToken> supplier;

    /**
     * What a client is built from.
     *
     * @param endpoint the https endpoint
     * @param certificateAuthorityPem the certificate authority as PEM, or null for the JVM's trust store
     * @param tokens hands out the current token
     * @param generator the generator eksauth built and the client owns, or null when tokens came from the user
     */
    protected record Connection(String endpoint, String certificateAuthorityPem, Supplier<EksToken> tokens,
            EksTokenGenerator generator) {
    }

    /** Builds the client from checked settings. */
    protected abstract T build(Connection connection);

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    @Override
    public B endpoint(String value) {
        this.endpoint = Endpoints.https(value);
        return self();
    }

    @Override
    public B certificateAuthorityData(String base64Pem) {
        return certificateAuthority(CertificateAuthority.fromData(base64Pem));
    }

    @Override
    public B certificateAuthorityPem(String pem) {
        return certificateAuthority(CertificateAuthority.fromPem(pem));
    }

    @Override
    public B certificateAuthorityFile(Path file) {
        return certificateAuthority(CertificateAuthority.fromFile(file));
    }

    private B certificateAuthority(String pem) {
        this.certificateAuthorityPem = pem;
        certificateAuthorities++;
        return self();
    }

    @Override
    public B clusterId(String id) {
        generator.clusterId(id);
        clusterId = true;
        return generatorOption();
    }

    @Override
    public B region(Region region) {
        generator.region(region);
        return generatorOption();
    }

    @Override
    public B credentialsProvider(AwsCredentialsProvider provider) {
        generator.credentialsProvider(provider);
        return generatorOption();
    }

    @Override
    public B roleArn(String roleArn) {
        generator.roleArn(roleArn);
        return generatorOption();
    }

    @Override
    public B tokenGenerator(Consumer<EksTokenGenerator.Builder> options) {
        Objects.requireNonNull(options, "customizer").accept(generator);
        return generatorOption();
    }

    private B generatorOption() {
        generatorOptions = true;
        return self();
    }

    @Override
    public B clock(Clock value) {
        this.clock = Objects.requireNonNull(value, "clock");
        return self();
    }

    @Override
    public B refreshMargin(Duration margin) {
        Objects.requireNonNull(margin, "refreshMargin");
        if (margin.isNegative() || margin.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("refreshMargin must be between 0 and 10 minutes, was " + margin);
        }
        this.refreshMargin = margin;
        return self();
    }

    @Override
    public B tokenSupplier(Supplier<EksToken> tokens) {
        this.supplier = Objects.requireNonNull(tokens, "tokenSupplier");
        return self();
    }

    @Override
    public final T build() {
        if (endpoint == null) {
            throw new IllegalStateException("endpoint is required");
        }
        if (certificateAuthorities > 1) {
            throw new IllegalStateException("give one certificate authority: certificateAuthorityData,"
                    + " certificateAuthorityPem or certificateAuthorityFile");
        }
        if (supplier != null) {
            if (generatorOptions || clock != null || refreshMargin != null) {
                throw new IllegalStateException("give either tokenSupplier, or clusterId with the options of the"
                        + " token generator (region, credentialsProvider, roleArn, tokenGenerator, clock,"
                        + " refreshMargin), not both");
            }
            return build(new Connection(endpoint, certificateAuthorityPem, supplier, null));
        }
        if (!clusterId) {
            throw new IllegalStateException("clusterId is required (or a tokenSupplier)");
        }
        Clock effectiveClock = clock != null ? clock : Clock.systemUTC();
        if (clock != null) {
            generator.clock(clock);
        }
        EksTokenGenerator built = generator.build();
        Duration margin = refreshMargin != null ? refreshMargin : CachingTokenSupplier.DEFAULT_REFRESH_MARGIN;
        return build(new Connection(endpoint, certificateAuthorityPem,
                CachingTokenSupplier.create(built::generate, margin, effectiveClock), built));
    }
}
