package dev.eksauth.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

import dev.eksauth.core.CallerIdentity;
import dev.eksauth.mapping.AwsAuth;
import dev.eksauth.mapping.AwsAuthConfig;
import dev.eksauth.mapping.AwsAuthMapper;
import dev.eksauth.mapping.AwsAuthProblem;
import dev.eksauth.mapping.MappingUnavailableException;
import dev.eksauth.mapping.Mapping;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The {@code configmap} backend: the live aws-auth ConfigMap (by default {@code kube-system/aws-auth}),
 * watched with a fabric8 {@link SharedIndexInformer}. A new version takes effect as soon as the
 * informer sees it; an edit whose {@code mapRoles}, {@code mapUsers} or {@code mapAccounts} cannot be
 * read at all (not YAML, not a list) is rejected: the last good mapping stays in force, the reason is
 * logged and counted ({@code eksauth.aws.auth.configmap.rejected.edits}); bad single entries are
 * reported and the good ones apply, as with the file. A deleted ConfigMap maps no one. Until the
 * informer has seen the ConfigMap once, lookups are unavailable (503), not denied. Thread-safe.
 * Not public API.
 */
final class ConfigMapAwsAuth implements MappingBackend {
    private final String namespace;
    private final String name;
    private final PrintStream log;
    private final KubernetesClient client;
    private final SharedIndexInformer<ConfigMap> informer;
    private final LongAdder rejected = new LongAdder();
    private final LongAdder loads = new LongAdder();
    private volatile AwsAuthMapper inForce;
    private volatile boolean deleted;
    private volatile Optional<String> lastError = Optional.empty();

    ConfigMapAwsAuth(KubernetesClient client, String namespace, String name, PrintStream log) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
        this.log = log;
        this.informer = client.configMaps().inNamespace(namespace).withName(name).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(ConfigMap configMap) {
                load(configMap);
            }

            @Override
            public void onUpdate(ConfigMap before, ConfigMap after) {
                load(after);
            }

            @Override
            public void onDelete(ConfigMap configMap, boolean finalStateUnknown) {
                deleted = true;
                inForce = AwsAuthMapper.of(AwsAuthConfig.EMPTY);
                lastError = Optional.empty();
                log.println("eksauth serve: the ConfigMap " + where() + " was deleted: no one is mapped by it");
            }
        }, 0);
    }

    /**
     * Starts watching a ConfigMap, with a client from the kubeconfig file, else the in-cluster service
     * account, else {@code KUBECONFIG} or {@code ~/.kube/config}.
     *
     * @throws CliException when the kubeconfig cannot be read
     */
    static ConfigMapAwsAuth connect(Path kubeconfig, String namespace, String name, PrintStream log) {
        Config config;
        try {
            config = kubeconfig == null ? Config.autoConfigure(null)
                    : Config.fromKubeconfig(Files.readString(kubeconfig, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            throw new CliException(ExitCode.INPUT, "cannot use the kubeconfig " + (kubeconfig == null ? "" : kubeconfig + " ")
                    + "(" + e.getClass().getSimpleName() + ")");
        }
        return new ConfigMapAwsAuth(new KubernetesClientBuilder().withConfig(config).build(), namespace, name, log);
    }

    private String where() {
        return namespace + "/" + name;
    }

    private synchronized void load(ConfigMap configMap) {
        Map<String, String> data = configMap.getData() == null ? Map.of() : configMap.getData();
        AwsAuth awsAuth = AwsAuth.parseData(data);
        Optional<AwsAuthProblem> unreadable = awsAuth.problems().stream().filter(p -> p.index() < 0).findFirst();
        if (unreadable.isPresent()) {
            rejected.increment();
            String why = unreadable.get().key() + ": " + unreadable.get().message();
            lastError = Optional.of(why);
            log.println("eksauth serve: rejected the edit of the ConfigMap " + where() + " (resourceVersion "
                    + configMap.getMetadata().getResourceVersion() + "): " + why
                    + (inForce == null ? "; no mapping is in force yet" : "; the last good mapping stays in force"));
            return;
        }
        inForce = AwsAuthMapper.of(awsAuth.config());
        deleted = false;
        lastError = Optional.empty();
        loads.increment();
        log.println("eksauth serve: loaded the ConfigMap " + where() + " (resourceVersion "
                + configMap.getMetadata().getResourceVersion() + ": " + awsAuth.config().roles().size() + " roles, "
                + awsAuth.config().users().size() + " users, " + awsAuth.config().accounts().size() + " accounts)");
        AwsAuthFiles.report(awsAuth, Path.of(where()), log, "eksauth serve");
    }

    @Override
    public Optional<Mapping> map(CallerIdentity identity) {
        AwsAuthMapper mapper = inForce;
        if (mapper == null) {
            throw new MappingUnavailableException("the ConfigMap " + where() + " has not been read yet", null);
        }
        return mapper.map(identity);
    }

    @Override
    public void check() {
    }

    @Override
    public Optional<String> notReady() {
        if (inForce == null) {
            return Optional.of("the ConfigMap " + where() + " has not been read yet"
                    + lastError.map(e -> " (" + e + ")").orElse(""));
        }
        return deleted ? Optional.of("the ConfigMap " + where() + " was deleted") : Optional.empty();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("eksauth.aws.auth.configmap.loads", loads, LongAdder::sum)
                .description("Versions of the aws-auth ConfigMap put in force").register(registry);
        FunctionCounter.builder("eksauth.aws.auth.configmap.rejected.edits", rejected, LongAdder::sum)
                .description("Versions of the aws-auth ConfigMap rejected; the last good one stayed in force")
                .register(registry);
        Gauge.builder("eksauth.aws.auth.configmap.ready", this, c -> c.notReady().isEmpty() ? 1 : 0).strongReference(true)
                .description("1 while a version of the aws-auth ConfigMap is in force").register(registry);
    }

    @Override
    public void close() {
        informer.close();
        client.close();
    }
}
