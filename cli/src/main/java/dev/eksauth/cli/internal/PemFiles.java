package dev.eksauth.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * PEM files for TLS: certificate chains (read by the JDK) and private keys in PKCS#8
 * ({@code BEGIN PRIVATE KEY}), PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) or SEC1
 * ({@code BEGIN EC PRIVATE KEY}), read by BouncyCastle's PEM parser. Encrypted keys are refused.
 * Errors name the file, never its content. Not public API.
 */
final class PemFiles {
    private static final char[] NO_PASSWORD = new char[0];

    private PemFiles() {
    }

    /**
     * The certificates of a PEM file, leaf first.
     *
     * @throws CliException with {@link ExitCode#INPUT} when the file is missing or holds none
     */
    static List<X509Certificate> certificates(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new CliException(ExitCode.INPUT, file + " holds no PEM certificate");
            }
            return out;
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCode.INPUT, "no certificate file " + file);
        } catch (IOException | CertificateException e) {
            throw new CliException(ExitCode.INPUT, file + " is not a PEM certificate file (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * The private key of a PEM file.
     *
     * @throws CliException with {@link ExitCode#INPUT} when the file is missing or holds no usable key
     */
    static PrivateKey privateKey(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(reader)) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object item = pem.readObject(); item != null; item = pem.readObject()) {
                if (item instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (item instanceof PEMKeyPair pair) {
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
            }
            throw new CliException(ExitCode.INPUT, file + " holds no unencrypted PEM private key "
                    + "(expected BEGIN PRIVATE KEY, BEGIN RSA PRIVATE KEY or BEGIN EC PRIVATE KEY)");
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCode.INPUT, "no key file " + file);
        } catch (PEMException e) {
            throw new CliException(ExitCode.INPUT, file + " is not a usable PEM private key ("
                    + (e.getCause() != null ? e.getCause().getClass().getSimpleName() : "unreadable") + ")");
        } catch (IOException | RuntimeException e) {
            if (e instanceof CliException cli) {
                throw cli;
            }
            throw new CliException(ExitCode.INPUT, file + " is not a PEM key file (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Whether a signature made with the key verifies with the certificate's public key. */
    private static boolean signsFor(PrivateKey key, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm(); // EdDSA: Ed25519, Ed448
        };
        byte[] probe = "eksauth key check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * A server TLS context presenting a certificate chain with its key.
     *
     * @throws CliException with {@link ExitCode#INPUT} when the files cannot be read or do not match
     */
    static SSLContext serverContext(Path certificateFile, Path keyFile) {
        List<X509Certificate> chain = certificates(certificateFile);
        PrivateKey key = privateKey(keyFile);
        if (!signsFor(key, chain.get(0))) {
            throw new CliException(ExitCode.INPUT, keyFile + " is not the private key of the first certificate in "
                    + certificateFile);
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("webhook", key, NO_PASSWORD, chain.toArray(new X509Certificate[0]));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, NO_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new CliException(ExitCode.INPUT, "cannot use " + keyFile + " with " + certificateFile
                    + " for TLS (" + e.getClass().getSimpleName() + ")");
        }
    }
}
