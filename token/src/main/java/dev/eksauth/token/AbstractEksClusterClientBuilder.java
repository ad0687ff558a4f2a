package dev.eksauth.token;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.eksauth.token.internal.CertificateAuthority;
import dev.eksauth.token.internal.Endpoints;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The base of every eksauth Kubernetes client builder: it takes and checks each option of
 * {@link EksClusterClientBuilder}, and hands a subclass one checked {@link EksClusterConnection} to
 * build its client from. eksauth's fabric8 and kubernetes-client modules extend it; so can an
 * integration of another Kubernetes client:
 *
 * <pre>{@code
 * public final class MyClientBuilder extends AbstractEksClusterClientBuilder<MyClientBuilder, MyClient> {
 *     protected MyClient build(EksClusterConnection connection) {
 *         return new MyClient(connection.endpoint(), connection.certificateAuthorityPem(),
 *                 () -> connection.tokenSupplier().get().value());
 *     }
 * }
 * }</pre>
 *
 * <p>Setters throw {@link IllegalArgumentException} (or {@link NullPointerException}) for a
 * malformed argument; {@link #build()} throws {@link IllegalStateException} for a missing or
 * conflicting option. Not thread-safe.
 *
 * @param <B> the builder type: the subclass, or an interface it implements
 * @param <T> what it builds
 */
public abstract class AbstractEksClusterClientBuilder<B extends EksClusterClientBuilder<B, T>, T>
        implements EksClusterClientBuilder<B, T> {
    private final EksTokenGenerator.Builder generator = EksTokenGenerator.builder();
    private final CachingTokenSupplier.Builder cache = CachingTokenSupplier.builder();
    private URI endpoint;
    private String certificateAuthorityPem;
    private int certificateAuthorities;
    private boolean generatorOptions;
    private boolean clusterId;
    private Supplier<EksToken> supplier;

    /** For subclasses. */
    protected AbstractEksClusterClientBuilder() {
    }

    /**
     * Builds the client from checked settings.
     *
     * @param connection the endpoint, certificate authority and tokens
     * @return the client (or its configuration)
     */
    protected abstract T build(EksClusterConnection connection);

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    @Override
    public B endpoint(URI value) {
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
        Objects.requireNonNull(options, "tokenGenerator").accept(generator);
        return generatorOption();
    }

    @Override
    public B clock(Clock value) {
        generator.clock(value);
        cache.clock(value);
        return generatorOption();
    }

    @Override
    public B refreshMargin(Duration margin) {
        cache.refreshMargin(margin);
        return generatorOption();
    }

    private B generatorOption() {
        generatorOptions = true;
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
        Optional<String> ca = Optional.ofNullable(certificateAuthorityPem);
        if (supplier != null) {
            if (generatorOptions) {
                throw new IllegalStateException("give either tokenSupplier, or clusterId with the options of the"
                        + " token generator (region, credentialsProvider, roleArn, tokenGenerator, clock,"
                        + " refreshMargin), not both");
            }
            return build(new EksClusterConnection(endpoint, ca, supplier, Optional.empty()));
        }
        if (!clusterId) {
            throw new IllegalStateException("clusterId is required (or a tokenSupplier)");
        }
        EksTokenGenerator built = generator.build();
        return build(new EksClusterConnection(endpoint, ca, cache.tokenSource(built::generate).build(),
                Optional.of(built)));
    }
}
