package dev.eksauth.kubernetesclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.eksauth.token.CachingTokenSupplier;
import dev.eksauth.token.EksToken;
import dev.eksauth.token.TokenGenerationException;
import dev.eksauth.token.contract.EksClusterClientContract;
import io.kubernetes.client.openapi.ApiCallback;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1NamespaceList;
import io.kubernetes.client.util.ClientBuilder;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

class EksKubernetesClientTest extends EksClusterClientContract<EksKubernetesClient.Builder, ApiClient> {
    static final EksToken FIXED = new EksToken(EksToken.PREFIX + "x", Instant.MAX);

    @Override
    protected EksKubernetesClient.Builder builder() {
        return EksKubernetesClient.builder();
    }

    @Override
    protected Answer listNamespaces(ApiClient client) throws ApiException {
        try {
            List<String> names = new CoreV1Api(client).listNamespace().execute().getItems().stream()
                    .map(V1Namespace::getMetadata).map(m -> m.getName()).toList();
            return new Answer(200, names);
        } catch (ApiException e) {
            if (e.getCode() > 0) {
                return new Answer(e.getCode(), List.of());
            }
            throw e;
        }
    }

    @Test
    void theClientHasTheEndpointTheCertificateAuthorityAndTheTokenInterceptor() {
        URI endpoint = URI.create("https://ABCD1234.gr7.us-west-2.eks.amazonaws.com");

        ApiClient client = EksKubernetesClient.builder().endpoint(URI.create(endpoint + "/"))
                .certificateAuthorityData(api.certificateAuthorityData()).tokenSupplier(() -> FIXED).build();

        assertThat(client.getBasePath()).isEqualTo(endpoint.toString());
        assertThat(client.isVerifyingSsl()).isTrue();
        assertThat(client.getHttpClient().interceptors()).hasSize(1);
    }

    @Test
    void aMissingTokenFailsTheCallWithAnIoExceptionCausedByTheTokenError() {
        AwsCredentialsProvider broken = () -> {
            throw new IllegalStateException("no credentials configured");
        };
        ApiClient client = eks().credentialsProvider(broken).build();

        assertThatThrownBy(() -> listNamespaces(client))
                .isInstanceOf(ApiException.class)
                .cause().isInstanceOf(IOException.class)
                .cause().isInstanceOf(TokenGenerationException.class).hasMessageContaining("no credentials configured");
    }

    @Test
    void anAsynchronousCallReportsAMissingTokenToItsCallback() throws Exception {
        AwsCredentialsProvider broken = () -> {
            throw new IllegalStateException("no credentials configured");
        };
        ApiClient client = eks().credentialsProvider(broken).build();
        CompletableFuture<ApiException> failure = new CompletableFuture<>();

        new CoreV1Api(client).listNamespace().executeAsync(new ApiCallback<V1NamespaceList>() {
            @Override
            public void onFailure(ApiException e, int statusCode, Map<String, List<String>> headers) {
                failure.complete(e);
            }

            @Override
            public void onSuccess(V1NamespaceList result, int statusCode, Map<String, List<String>> headers) {
                failure.completeExceptionally(new AssertionError("the call succeeded"));
            }

            @Override
            public void onUploadProgress(long bytesWritten, long contentLength, boolean done) {
            }

            @Override
            public void onDownloadProgress(long bytesRead, long contentLength, boolean done) {
            }
        });

        assertThat(failure.get(30, TimeUnit.SECONDS)).hasRootCauseMessage("no credentials configured");
        assertThat(api.requests()).isZero();
    }

    @Test
    void theAuthenticationPlugsIntoAClientBuilderOfYourOwn() throws Exception {
        CachingTokenSupplier shared = CachingTokenSupplier.builder().tokenSource(generator()::generate).clock(clock)
                .build();
        ApiClient own = new ClientBuilder().setBasePath(api.endpoint().toString())
                .setCertificateAuthority(api.certificateAuthorityPem().getBytes(StandardCharsets.US_ASCII))
                .setAuthentication(EksAuthentication.create(shared)).build();

        assertThat(listNamespaces(own).status()).isEqualTo(200);
        assertThat(api.acceptedTokens()).containsExactly(shared.get().value());
    }

    @Test
    void aStaleApiKeyIsOverriddenByTheCurrentToken() throws Exception {
        ApiClient client = eks().build();
        client.setApiKeyPrefix("Bearer");
        client.setApiKey("k8s-aws-v1.stale");

        assertThat(listNamespaces(client).status()).isEqualTo(200);
        assertThat(api.refused()).isZero();
    }

    @Test
    void toStringNeverShowsTheToken() {
        CachingTokenSupplier tokens = CachingTokenSupplier.builder().tokenSource(generator()::generate).clock(clock)
                .build();
        String token = tokens.get().value();

        assertThat(EksAuthentication.create(tokens).toString()).doesNotContain(token.substring(11));
    }
}
