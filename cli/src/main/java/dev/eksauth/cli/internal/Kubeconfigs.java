package dev.eksauth.cli.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Kubeconfig files, written with SnakeYAML from plain maps and lists (no tags): the webhook's, for
 * kube-apiserver's {@code --authentication-token-webhook-config-file}, and a user's, whose user runs
 * {@code eksauth token} as its exec credential plugin. Not public API.
 */
final class Kubeconfigs {
    private Kubeconfigs() {
    }

    /** The webhook kubeconfig: one cluster whose server is the {@code /authenticate} URL. */
    static String webhook(String url, List<X509Certificate> certificateAuthority) {
        Map<String, Object> cluster = new LinkedHashMap<>();
        cluster.put("server", url);
        if (certificateAuthority != null) {
            cluster.put("certificate-authority-data", base64Pem(certificateAuthority));
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("apiVersion", "v1");
        root.put("kind", "Config");
        root.put("clusters", List.of(named("eksauth-webhook", "cluster", cluster)));
        root.put("users", List.of(named("kube-apiserver", "user", Map.of())));
        root.put("contexts", List.of(named("webhook", "context",
                map("cluster", "eksauth-webhook", "user", "kube-apiserver"))));
        root.put("current-context", "webhook");
        return dump(root);
    }

    /** A user kubeconfig for an EKS cluster whose credentials come from an exec plugin. */
    static String user(String name, String endpoint, List<X509Certificate> certificateAuthority, String command,
            List<String> args, String awsProfile) {
        Map<String, Object> exec = exec(command, args, awsProfile);
        Map<String, Object> cluster = new LinkedHashMap<>();
        cluster.put("server", endpoint);
        cluster.put("certificate-authority-data", base64Pem(certificateAuthority));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("apiVersion", "v1");
        root.put("kind", "Config");
        root.put("clusters", List.of(named(name, "cluster", cluster)));
        root.put("contexts", List.of(named(name, "context", map("cluster", name, "user", name))));
        root.put("current-context", name);
        root.put("preferences", Map.of());
        root.put("users", List.of(named(name, "user", Map.of("exec", exec))));
        return dump(root);
    }

    /** The exec stanza of a user whose credentials come from {@code command args}. */
    static Map<String, Object> exec(String command, List<String> args, String awsProfile) {
        Map<String, Object> exec = new LinkedHashMap<>();
        exec.put("apiVersion", "client.authentication.k8s.io/v1beta1");
        exec.put("command", command);
        exec.put("args", args);
        exec.put("env", awsProfile == null ? null : List.of(map("name", "AWS_PROFILE", "value", awsProfile)));
        exec.put("interactiveMode", "Never");
        exec.put("provideClusterInfo", false);
        return exec;
    }

    /** Writes a file atomically: a temporary file beside it, then a move. */
    static void write(Path file, String text) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path temporary = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".tmp");
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static String base64Pem(List<X509Certificate> certificates) {
        StringBuilder pem = new StringBuilder();
        Base64.Encoder lines = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        for (X509Certificate c : certificates) {
            try {
                pem.append("-----BEGIN CERTIFICATE-----\n").append(lines.encodeToString(c.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            } catch (CertificateEncodingException e) {
                throw new CliException(ExitCode.INPUT, "cannot encode a certificate (" + e.getMessage() + ")");
            }
        }
        return Base64.getEncoder().encodeToString(pem.toString().getBytes(StandardCharsets.US_ASCII));
    }

    static Map<String, Object> named(String name, String key, Object value) {
        return map("name", name, key, value);
    }

    static Map<String, Object> map(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    static String dump(Map<String, Object> root) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndicatorIndent(0);
        options.setWidth(Integer.MAX_VALUE);
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(options), options);
        return yaml.dump(copy(root));
    }

    private static Object copy(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(copy(v)));
            return out;
        }
        return value;
    }
}
