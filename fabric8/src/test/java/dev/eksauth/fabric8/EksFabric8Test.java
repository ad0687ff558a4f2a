package dev.eksauth.fabric8;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.eksauth.token.CachingTokenSupplier;
import dev.eksauth.token.EksToken;
import dev.eksauth.token.contract.EksClusterClientContract;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

class EksFabric8Test extends EksClusterClientContract<EksFabric8.Builder, Config> {
    static final EksToken FIXED = new EksToken(EksToken.PREFIX + "x", java.time.Instant.MAX);
    final Map<Config, KubernetesClient> clients = new IdentityHashMap<>();

    @Override
    protected EksFabric8.Builder builder() {
        return EksFabric8.builder();
    }

    @Override
    protected synchronized Answer listNamespaces(Config config) {
        // fabric8 retries failed connections with growing back-off; the contract wants the first answer.
        KubernetesClient client = clients.computeIfAbsent(config, c -> new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(c).withRequestRetryBackoffLimit(0).build()).build());
        return send(client);
    }

    static Answer send(KubernetesClient client) {
        try {
            List<String> names = client.namespaces().list().getItems().stream().map(HasMetadata::getMetadata)
                    .map(m -> m.getName()).toList();
            return new Answer(200, names);
        } catch (KubernetesClientException e) {
            if (e.getCode() > 0) {
                return new Answer(e.getCode(), List.of());
            }
            throw e;
        }
    }

    @AfterEach
    synchronized void closeClients() {
        clients.values().forEach(KubernetesClient::close);
        clients.keySet().forEach(config -> ((EksOAuthTokenProvider) config.getOauthTokenProvider()).close());
    }

    @Test
    void theConfigHasTheEndpointTheCertificateAuthorityAndATokenProvider() {
        URI endpoint = URI.create("https://ABCD1234.gr7.us-west-2.eks.amazonaws.com/");

        Config config = EksFabric8.builder().endpoint(endpoint).certificateAuthorityData(api.certificateAuthorityData())
                .tokenSupplier(() -> FIXED).build();

        assertThat(config.getMasterUrl()).isEqualTo(endpoint.toString());
        assertThat(decode(config.getCaCertData())).isEqualTo(api.certificateAuthorityPem());
        assertThat(config.getOauthTokenProvider().getToken()).isEqualTo(FIXED.value());
        assertThat(config.getOauthToken()).isNull();
    }

    @Test
    void readsNoKubeconfigEnvironmentOrSystemProperties() {
        String saved = System.getProperty(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY);
        System.setProperty(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY, "https://elsewhere.example.com");
        try {
            Config config = EksFabric8.builder().endpoint(api.endpoint()).tokenSupplier(() -> FIXED).build();

            assertThat(config.getMasterUrl()).isEqualTo(api.endpoint() + "/");
            assertThat(config.getAutoConfigure()).isFalse();
        } finally {
            if (saved == null) {
                System.clearProperty(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY);
            } else {
                System.setProperty(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY, saved);
            }
        }
    }

    @Test
    void aConfigBuilderMadeFromTheConfigKeepsTheTokenProvider() {
        Config built = eks().build();
        Config config = new ConfigBuilder(built).withNamespace("apps").withRequestTimeout(30_000).build();

        assertThat(config.getOauthTokenProvider()).isSameAs(built.getOauthTokenProvider());
        assertThat(listNamespaces(config).status()).isEqualTo(200);
        assertThat(api.refused()).isZero();
    }

    @Test
    void theTokenProviderPlugsIntoAConfigOfYourOwn() {
        CachingTokenSupplier shared = CachingTokenSupplier.builder().tokenSource(generator()::generate).clock(clock)
                .build();
        Config own = new ConfigBuilder(Config.empty()).withMasterUrl(api.endpoint().toString())
                .withCaCertData(api.certificateAuthorityData())
                .withOauthTokenProvider(EksOAuthTokenProvider.create(shared)).build();

        assertThat(listNamespaces(own).status()).isEqualTo(200);
        assertThat(api.acceptedTokens()).containsExactly(shared.get().value());
    }

    @Test
    void toStringNeverShowsTheToken() {
        List<EksOAuthTokenProvider> providers = new ArrayList<>();
        providers.add((EksOAuthTokenProvider) eks().build().getOauthTokenProvider());
        providers.add(EksOAuthTokenProvider.create(() -> FIXED));

        for (EksOAuthTokenProvider provider : providers) {
            assertThat(provider.toString()).doesNotContain(provider.getToken().substring(11));
        }
        assertThat(providers.get(0).toString()).contains("prod");
        providers.get(0).close();
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.US_ASCII);
    }
}
