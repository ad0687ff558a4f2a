package dev.eksauth.oidc.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS trust in given certificates instead of the JVM's, for an issuer's HTTPS. Stateless. */
public final class Trust {
    private Trust() {
    }

    /**
     * A TLS context that trusts these certificates.
     *
     * @throws IllegalArgumentException when there is none, or no trust store can be made of them
     */
    public static SSLContext sslContext(Collection<X509Certificate> certificates) {
        if (Objects.requireNonNull(certificates, "certificates").isEmpty()) {
            throw new IllegalArgumentException("trustedCertificates must not be empty");
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (X509Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot build a trust store from the certificates: " + e.getMessage(), e);
        }
    }

    /**
     * A TLS context that trusts the certificates in this PEM text.
     *
     * @throws IllegalArgumentException when the text holds no certificate or a malformed one
     */
    public static SSLContext sslContext(String pem) {
        return sslContext(certificates(pem));
    }

    /**
     * The certificates in a PEM text.
     *
     * @throws IllegalArgumentException when the text holds no certificate or a malformed one
     */
    public static List<X509Certificate> certificates(String pem) {
        Objects.requireNonNull(pem, "pem");
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            for (Certificate c : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                certificates.add((X509Certificate) c);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the PEM text is not a list of X.509 certificates", e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("the PEM text holds no certificate");
        }
        return certificates;
    }
}
