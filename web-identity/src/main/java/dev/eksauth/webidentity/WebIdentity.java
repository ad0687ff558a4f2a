package dev.eksauth.webidentity;

import java.util.Objects;

import dev.eksauth.token.EksToken;
import dev.eksauth.token.EksTokenGenerator;
import dev.eksauth.token.TokenGenerationException;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * From a web identity to EKS tokens: the role session of a {@link WebIdentityCredentialsProvider}
 * signs the tokens, so a pod with IAM roles for service accounts (or a CI job holding an OIDC ID
 * token) authenticates to an EKS cluster as the role.
 *
 * <pre>{@code
 * try (WebIdentity irsa = WebIdentity.fromEnvironment()) {
 *     EksTokenGenerator generator = irsa.eksTokenGenerator("prod");  // share it; it is thread-safe
 *     String bearer = generator.generate().value();
 * }
 * }</pre>
 *
 * <p>Tokens are signed for the provider's region when it has one, else for the region the SDK's
 * region chain finds (in an IRSA pod, {@code AWS_REGION}). Thread-safe; {@link #close()} closes the
 * credentials provider, after which generators made here cannot sign.
 */
public final class WebIdentity implements SdkAutoCloseable {
    private final WebIdentityCredentialsProvider credentials;

    private WebIdentity(WebIdentityCredentialsProvider credentials) {
        this.credentials = credentials;
    }

    /**
     * The web identity of an IRSA pod: {@link WebIdentityCredentialsProvider#create()}.
     *
     * @throws InvalidWebIdentityException when a required variable is missing or one is malformed
     */
    public static WebIdentity fromEnvironment() {
        return of(WebIdentityCredentialsProvider.create());
    }

    /**
     * A web identity for an OIDC ID token you hold, e.g. from a CI system.
     *
     * @param webIdentityToken the token; never shown
     * @param roleArn the IAM role whose trust policy accepts the token's issuer and audience
     * @throws InvalidWebIdentityException when the token is blank or too long ({@code INVALID_TOKEN})
     * @throws IllegalArgumentException when the role ARN is not an IAM role ARN
     */
    public static WebIdentity forToken(String webIdentityToken, String roleArn) {
        return of(WebIdentityCredentialsProvider.builder()
                .tokenSource(WebIdentityTokenSource.of(webIdentityToken))
                .roleArn(roleArn)
                .build());
    }

    /** A web identity with credentials from a provider you configured; closing this closes it. */
    public static WebIdentity of(WebIdentityCredentialsProvider credentials) {
        return new WebIdentity(Objects.requireNonNull(credentials, "credentials"));
    }

    /** The role session's credentials, for any AWS SDK client. */
    public WebIdentityCredentialsProvider credentialsProvider() {
        return credentials;
    }

    /**
     * A builder of EKS token generators already given these credentials (and the provider's region,
     * when it has one); set the cluster id, and anything else, then build.
     */
    public EksTokenGenerator.Builder eksTokenGeneratorBuilder() {
        EksTokenGenerator.Builder builder = EksTokenGenerator.builder().credentialsProvider(credentials);
        credentials.region().ifPresent(builder::region);
        return builder;
    }

    /**
     * An EKS token generator for a cluster, signing with these credentials. When credentials cannot
     * be had, its {@code generate()} throws a {@link TokenGenerationException} whose cause is the
     * {@link WebIdentityException}.
     *
     * @param clusterId the cluster id (or name) tokens are bound to
     */
    public EksTokenGenerator eksTokenGenerator(String clusterId) {
        return eksTokenGeneratorBuilder().clusterId(clusterId).build();
    }

    /**
     * One EKS token for a cluster. For many tokens keep an {@link #eksTokenGenerator} instead.
     *
     * @param clusterId the cluster id (or name) the token is bound to
     * @throws InvalidWebIdentityException when the web identity cannot be used: see
     *     {@link WebIdentityCredentialsProvider#resolveCredentials()}
     * @throws WebIdentityUnavailableException when STS cannot be reached, fails or throttles
     * @throws TokenGenerationException when the token cannot be signed
     */
    public EksToken eksToken(String clusterId) {
        try (EksTokenGenerator generator = eksTokenGenerator(clusterId)) {
            return generator.generate();
        } catch (TokenGenerationException e) {
            if (e.getCause() instanceof WebIdentityException w) {
                throw w;
            }
            throw e;
        }
    }

    /** Closes the credentials provider. */
    @Override
    public void close() {
        credentials.close();
    }

    @Override
    public String toString() {
        return "WebIdentity[" + credentials + "]";
    }
}
