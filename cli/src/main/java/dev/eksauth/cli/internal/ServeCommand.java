package dev.eksauth.cli.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import javax.net.ssl.SSLContext;

import dev.eksauth.mapping.EksAuthenticator;
import dev.eksauth.mapping.FileAwsAuthMapper;
import dev.eksauth.mapping.MapperChain;
import dev.eksauth.mapping.MappingException;
import dev.eksauth.token.EksTokenVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code eksauth serve}: the TokenReview webhook server. Not public API. */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = {"Run a TokenReview webhook for kube-apiserver: POST /authenticate verifies the token with STS "
                + "and maps it through the backends of --backend-mode: the aws-auth file (reloaded when its content "
                + "changes; a version that cannot be loaded keeps the last good one for at most --max-staleness; a "
                + "deleted file denies everyone), the live aws-auth ConfigMap, and the cluster's EKS access entries "
                + "(the cluster named by -i, in AWS_REGION; AWS_ENDPOINT_URL_EKS applies). {{EC2PrivateDNSName}} is looked up "
                + "with EC2 DescribeInstances (--ec2-*).",
            "Answers 200 with the user; with authenticated:false, 401 for a bad token and 403 for an identity that is "
                    + "not mapped; 429 when STS throttles, 503 when STS is unavailable or too many requests are in flight; "
                    + "413 for oversized bodies, 400 for what is not a TokenReview. "
                    + "GET /healthz, GET /readyz (503 while a backend has no mapping in force) "
                    + "and GET /metrics (Prometheus) too.",
            "Prints the /authenticate URL on standard output once listening; Ctrl-C stops it."})
final class ServeCommand implements Callable<Integer> {
    /** The largest body accepted: a TokenReview holds at most 64 Ki characters. */
    static final int MAX_BODY = 65536;

    private final Console console;

    @Mixin
    ExitCodes exitCodes;

    @Option(names = {"-i", "--cluster-id", "--cluster-name"}, required = true, paramLabel = "ID",
            description = "The cluster id tokens must be made for.")
    String clusterId;

    @Option(names = "--aws-auth", paramLabel = "FILE",
            description = "The aws-auth ConfigMap file (YAML or JSON), for the file backend.")
    Path awsAuthFile;

    @Option(names = "--backend-mode", paramLabel = "MODES", split = ",", defaultValue = "file",
            description = "Where mappings come from, asked in this order: file (--aws-auth), configmap (the live "
                    + "ConfigMap, see --aws-auth-configmap), access-entries (the cluster's EKS access entries, as in "
                    + "API_AND_CONFIG_MAP put it first); default ${DEFAULT-VALUE}.")
    List<String> backendModes;

    @Option(names = "--access-entries-refresh", paramLabel = "DURATION", defaultValue = "1m", converter = Durations.class,
            description = "How often the access-entries backend reloads the entries; default ${DEFAULT-VALUE}.")
    Duration accessEntriesRefresh;

    @Option(names = "--aws-auth-configmap", paramLabel = "NAMESPACE/NAME", defaultValue = "kube-system/aws-auth",
            description = "The ConfigMap the configmap backend watches; default ${DEFAULT-VALUE}.")
    String configMap;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "How the configmap backend reaches the API server; default: the in-cluster service account, "
                    + "else KUBECONFIG or ~/.kube/config.")
    Path kubeconfigIn;

    @Option(names = "--address", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "The address to listen on; default ${DEFAULT-VALUE}.")
    String address;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "21362",
            description = "The port to listen on, 0 for any free one; default ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "Serve HTTPS with this PEM certificate chain.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "The certificate's PEM private key (PKCS#8, PKCS#1 or SEC1).")
    Path tlsKey;

    @Option(names = "--tls-reload-interval", paramLabel = "DURATION", defaultValue = "10s", converter = Durations.class,
            description = "How often the certificate and key files are checked for changes (new connections get the "
                    + "new pair); default ${DEFAULT-VALUE}.")
    Duration tlsReloadInterval;

    @Option(names = "--write-kubeconfig", paramLabel = "FILE",
            description = "Write the webhook kubeconfig for kube-apiserver's --authentication-token-webhook-config-file.")
    Path kubeconfig;

    @Option(names = "--max-concurrency", paramLabel = "N", defaultValue = "64",
            description = "Requests read or verified at once (1 to 10000); more get 503; default ${DEFAULT-VALUE}.")
    int maxConcurrency;

    @Option(names = "--max-body", paramLabel = "BYTES", defaultValue = "65536",
            description = "The largest request body (1 to 65536); larger get 413; default ${DEFAULT-VALUE}.")
    int maxBody;

    @Option(names = "--read-timeout", paramLabel = "DURATION", defaultValue = "10s", converter = Durations.class,
            description = "A connection must send its whole request (headers and body) within this time from when it "
                    + "opened or got its previous answer, else it is closed; default ${DEFAULT-VALUE}.")
    Duration readTimeout;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "1024",
            description = "Connections open at once (1 to 100000); beyond, new ones wait to be accepted; "
                    + "default ${DEFAULT-VALUE}.")
    int maxConnections;

    @Option(names = "--reload-interval", paramLabel = "DURATION", defaultValue = "1s", converter = Durations.class,
            description = "How often at most the aws-auth file is checked for changes; 0s checks on every request; "
                    + "default ${DEFAULT-VALUE}.")
    Duration reloadInterval;

    @Option(names = "--max-staleness", paramLabel = "DURATION", defaultValue = "1h", converter = Durations.class,
            description = "How long at most the last good aws-auth stays in force once the file cannot be loaded; "
                    + "then everyone is denied and /readyz fails; default ${DEFAULT-VALUE}.")
    Duration maxStaleness;

    @Option(names = "--keep-last-good-when-deleted",
            description = "A deleted aws-auth file keeps the last good mapping (for at most --max-staleness) "
                    + "instead of denying everyone at once.")
    boolean keepLastGoodWhenDeleted;

    @Option(names = "--access-log-format", paramLabel = "FORMAT", defaultValue = "json",
            description = "The access log on standard error, one line per review: json (default) or text.")
    String accessLogFormat;

    @Option(names = "--scrubbed-account", paramLabel = "ACCOUNT",
            description = "Show this AWS account id as ************ in the access log, in ARNs too (repeatable).")
    List<String> scrubbedAccounts = new ArrayList<>();

    @Mixin
    VerifierOptions verifier;

    @Mixin
    Ec2Options ec2;

    ServeCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws Exception {
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new CliException(ExitCode.USAGE, "--tls-cert and --tls-key go together");
        }
        if (port < 0 || port > 65535 || maxConcurrency < 1 || maxConcurrency > 10_000 || maxBody < 1
                || maxBody > MAX_BODY || maxConnections < 1 || maxConnections > 100_000) {
            throw new CliException(ExitCode.USAGE, "--port must be 0..65535, --max-concurrency 1..10000, --max-body 1.."
                    + MAX_BODY + " and --max-connections 1..100000");
        }
        AccessLog accessLog = accessLog();
        if (readTimeout.isZero() || tlsReloadInterval.isZero()) {
            throw new CliException(ExitCode.USAGE, "--read-timeout and --tls-reload-interval must be above 0s");
        }
        EksTokenVerifier tokens = verifier.builder(clusterId, console).build();
        List<MappingBackend> backends = backends();
        List<X509Certificate> chain;
        SSLContext tls;
        Ec2Options.Lookup nodes; // creates its EC2 client on the first lookup: nothing to close before that
        WebhookServer server;
        try {
            chain = tlsCert == null ? null : PemFiles.certificates(tlsCert);
            tls = tlsCert == null ? null : PemFiles.serverContext(tlsCert, tlsKey);
            nodes = ec2.lookup(console);
            EksAuthenticator authenticator = EksAuthenticator.create(tokens, chain(backends, nodes));
            server = WebhookServer.start(new WebhookServer.Settings(new InetSocketAddress(address(), port), tls,
                    authenticator, tokens, backends, maxConcurrency, maxBody, maxConnections, readTimeout,
                    verifier.stsTimeout, accessLog));
        } catch (IOException | RuntimeException e) {
            backends.forEach(MappingBackend::close);
            if (e instanceof IOException) {
                throw new CliException(ExitCode.INPUT, "cannot listen on " + address + ":" + port + " ("
                        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
            }
            throw (RuntimeException) e;
        }
        backends.forEach(b -> b.bindTo(server.metrics().registry()));
        TlsReload certificates = tls == null ? null
                : new TlsReload(tlsCert, tlsKey, tlsReloadInterval, server::reloadTls, console.err());
        nodes.bindTo(server.metrics().registry());
        Runnable stop = () -> {
            if (certificates != null) {
                certificates.close();
            }
            server.close();
            nodes.close();
            backends.forEach(MappingBackend::close);
        };
        try {
            if (kubeconfig != null) {
                Kubeconfigs.write(kubeconfig, Kubeconfigs.webhook(server.authenticateUrl().toString(), chain));
                console.err().println("eksauth serve: wrote the webhook kubeconfig " + kubeconfig);
            }
        } catch (IOException e) {
            stop.run();
            throw new CliException(ExitCode.INPUT, "cannot write " + kubeconfig + " (" + e.getClass().getSimpleName() + ")");
        }
        console.runUntilStopped(() -> {
            console.err().println("eksauth serve: cluster " + clusterId + ", backends " + String.join(",", backendModes)
                    + ", listening on " + server.authenticateUrl() + " (Ctrl-C stops)");
            console.out().println(server.authenticateUrl());
            console.out().flush();
        }, () -> {
            stop.run();
            console.err().println("eksauth serve: stopped");
        });
        return ExitCode.OK;
    }

    private List<MappingBackend> backends() {
        if (backendModes.isEmpty() || backendModes.size() != Set.copyOf(backendModes).size()) {
            throw new CliException(ExitCode.USAGE, "--backend-mode names file, configmap and access-entries, each at most once");
        }
        for (String mode : backendModes) {
            if (!mode.equals("file") && !mode.equals("configmap") && !mode.equals("access-entries")) {
                throw new CliException(ExitCode.USAGE, "--backend-mode: unknown backend '" + mode
                        + "'; use file, configmap or access-entries");
            }
        }
        if (backendModes.contains("file") != (awsAuthFile != null)) {
            throw new CliException(ExitCode.USAGE, "--aws-auth goes with the file backend, and the file backend needs it");
        }
        String[] where = configMap.split("/", -1);
        if (where.length != 2 || where[0].isEmpty() || where[1].isEmpty()) {
            throw new CliException(ExitCode.USAGE, "--aws-auth-configmap must be NAMESPACE/NAME");
        }
        List<MappingBackend> backends = new ArrayList<>();
        try {
            for (String mode : backendModes) {
                backends.add(backend(mode, where));
            }
        } catch (RuntimeException e) {
            backends.forEach(MappingBackend::close);
            throw e;
        }
        return backends;
    }

    private MappingBackend backend(String mode, String[] where) {
        if (mode.equals("configmap")) {
            return ConfigMapAwsAuth.connect(kubeconfigIn, where[0], where[1], console.err());
        }
        if (mode.equals("access-entries")) {
            return AccessEntriesBackend.connect(new EksOptions().clusters(console), clusterId, accessEntriesRefresh,
                    console.clock(), console.err());
        }
        FileAwsAuthMapper file;
        try {
            file = FileAwsAuthMapper.builder().file(awsAuthFile).checkInterval(reloadInterval)
                    .clock(console.clock()).maxStaleness(maxStaleness)
                    .keepLastGoodWhenDeleted(keepLastGoodWhenDeleted).build();
        } catch (MappingException e) {
            throw new CliException(ExitCode.INPUT, e.getMessage());
        }
        AwsAuthFiles.report(file.current(), awsAuthFile, console.err(), "eksauth serve");
        return new AwsAuthWatch(file, awsAuthFile, console.err());
    }

    private static MapperChain chain(List<MappingBackend> backends, Ec2Options.Lookup nodes) {
        MapperChain.Builder chain = MapperChain.builder().privateDnsNameResolver(nodes);
        backends.forEach(chain::add);
        return chain.build();
    }

    private AccessLog accessLog() {
        AccessLog.Format format = switch (accessLogFormat) {
            case "json" -> AccessLog.Format.JSON;
            case "text" -> AccessLog.Format.TEXT;
            default -> throw new CliException(ExitCode.USAGE, "--access-log-format must be json or text");
        };
        for (String account : scrubbedAccounts) {
            if (!account.matches("[0-9]{12}")) {
                throw new CliException(ExitCode.USAGE, "--scrubbed-account must be a 12-digit AWS account id");
            }
        }
        return new AccessLog(console.err(), format, Set.copyOf(scrubbedAccounts), console.clock());
    }

    private InetAddress address() {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new CliException(ExitCode.USAGE, "--address '" + address + "' is not a known host or IP address");
        }
    }
}
