package dev.eksauth.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;

/**
 * Watches the webhook's PEM certificate and key files: every interval it reads both, and when their
 * content changed and they make a valid pair, hands the new TLS context to the server (new
 * connections present the new certificate; open ones keep theirs). A pair that cannot be loaded
 * (half-written, mismatched) is logged and the current certificate stays. Thread-safe. Not public API.
 */
final class TlsReload implements AutoCloseable {
    private final Path certificate;
    private final Path key;
    private final Consumer<SSLContext> install;
    private final PrintStream log;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "eksauth-tls-reload");
        t.setDaemon(true);
        return t;
    });
    private byte[] seen;
    private byte[] failed;

    TlsReload(Path certificate, Path key, Duration interval, Consumer<SSLContext> install, PrintStream log) {
        this.certificate = certificate;
        this.key = key;
        this.install = install;
        this.log = log;
        this.seen = digest();
        timer.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void check() {
        byte[] now = digest();
        if (now == null || Arrays.equals(now, seen) || Arrays.equals(now, failed)) {
            return;
        }
        try {
            install.accept(PemFiles.serverContext(certificate, key));
            seen = now;
            failed = null;
            log.println("eksauth serve: loaded the changed TLS certificate " + certificate);
        } catch (RuntimeException e) {
            failed = now;
            log.println("eksauth serve: keeping the current TLS certificate; the changed files cannot be used ("
                    + e.getMessage() + ")");
        }
    }

    /** A digest of both files' content, or null when one cannot be read now. */
    private byte[] digest() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(Files.readAllBytes(certificate));
            sha.update((byte) 0);
            sha.update(Files.readAllBytes(key));
            return sha.digest();
        } catch (IOException e) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
