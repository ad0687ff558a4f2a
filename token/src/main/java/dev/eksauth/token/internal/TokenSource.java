package dev.eksauth.token.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.eksauth.token.CachingTokenSupplier;
import dev.eksauth.token.EksToken;
import dev.eksauth.token.EksTokenGenerator;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Collects where a client's tokens come from: either generator options (cluster id, region,
 * credentials, role, clock, refresh margin), from which a generator and its cache are built, or a
 * token supplier given as it is. Not thread-safe; used by one builder. Shared by the client modules
 * (fabric8, kubernetes-client); not public API.
 */
public final class TokenSource {
    private final EksTokenGenerator.Builder generator = EksTokenGenerator.builder();
    private boolean generatorOptions;
    private boolean clusterId;
    private Clock clock;
    private Duration refreshMargin;
    private Supplier<EksToken> supplier;

    /** Sets the cluster id; checked now. */
    public void clusterId(String id) {
        generator.clusterId(id);
        clusterId = true;
        generatorOptions = true;
    }

    /** Sets the signing region. */
    public void region(Region region) {
        generator.region(region);
        generatorOptions = true;
    }

    /** Sets the credentials provider. */
    public void credentialsProvider(AwsCredentialsProvider provider) {
        generator.credentialsProvider(provider);
        generatorOptions = true;
    }

    /** Sets a role to assume; checked now. */
    public void roleArn(String roleArn) {
        generator.roleArn(roleArn);
        generatorOptions = true;
    }

    /** Applies further generator options. */
    public void customize(Consumer<EksTokenGenerator.Builder> customizer) {
        Objects.requireNonNull(customizer, "customizer").accept(generator);
        generatorOptions = true;
    }

    /** Sets the clock of the generator and its cache. */
    public void clock(Clock value) {
        this.clock = Objects.requireNonNull(value, "clock");
    }

    /** Sets the refresh margin; checked now. */
    public void refreshMargin(Duration margin) {
        Objects.requireNonNull(margin, "refreshMargin");
        if (margin.isNegative() || margin.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("refreshMargin must be between 0 and 10 minutes, was " + margin);
        }
        this.refreshMargin = margin;
    }

    /** Sets a token supplier to use as it is. */
    public void supplier(Supplier<EksToken> tokens) {
        this.supplier = Objects.requireNonNull(tokens, "tokenSupplier");
    }

    /**
     * Builds the token source.
     *
     * @throws IllegalStateException when neither a cluster id nor a token supplier was given, or both
     *     a token supplier and generator options
     */
    public Built build() {
        if (supplier != null) {
            if (generatorOptions || clock != null || refreshMargin != null) {
                throw new IllegalStateException("give either tokenSupplier, or clusterId with the options of the"
                        + " token generator (region, credentialsProvider, roleArn, tokenGenerator, clock,"
                        + " refreshMargin), not both");
            }
            return new Built(supplier, null);
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
        return new Built(CachingTokenSupplier.create(built::generate, margin, effectiveClock), built);
    }

    /**
     * A built token source.
     *
     * @param tokens hands out the current token
     * @param generator the generator eksauth built and owns, or null when tokens came from the user
     */
    public record Built(Supplier<EksToken> tokens, EksTokenGenerator generator) {
    }
}
