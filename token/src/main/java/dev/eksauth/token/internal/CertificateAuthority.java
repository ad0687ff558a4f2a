package dev.eksauth.token.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.Collection;

/**
 * The cluster's certificate authority, read and checked by the JDK's X.509 certificate factory and
 * handed on as PEM. Accepts what EKS and kubeconfig files give: base64 of PEM
 * ({@code certificateAuthority.data}, {@code certificate-authority-data}), PEM text, or a PEM or DER file.
 */
public final class CertificateAuthority {
    private static final Base64.Encoder PEM_BODY = Base64.getMimeEncoder(64, new byte[] {'\n'});

    private CertificateAuthority() {
    }

    /**
     * Reads base64 of PEM or DER certificates.
     *
     * @throws IllegalArgumentException when the text is not base64 or holds no certificate
     */
    public static String fromData(String data) {
        if (data == null || data.isBlank()) {
            throw new IllegalArgumentException("certificateAuthorityData must not be null or blank");
        }
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(data.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("certificateAuthorityData must be base64 of PEM certificates,"
                    + " as in EKS's certificateAuthority.data or kubeconfig's certificate-authority-data", e);
        }
        return toPem(bytes, "certificateAuthorityData");
    }

    /**
     * Reads PEM text.
     *
     * @throws IllegalArgumentException when the text holds no certificate
     */
    public static String fromPem(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("certificateAuthorityPem must not be null or blank");
        }
        return toPem(pem.getBytes(StandardCharsets.US_ASCII), "certificateAuthorityPem");
    }

    /**
     * Reads a PEM or DER file.
     *
     * @throws IllegalArgumentException when the file cannot be read or holds no certificate
     */
    public static String fromFile(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("certificateAuthorityFile must not be null");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read certificateAuthorityFile " + file + ": " + e, e);
        }
        return toPem(bytes, "certificateAuthorityFile " + file);
    }

    private static String toPem(byte[] bytes, String what) {
        Collection<? extends Certificate> certificates;
        try {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes));
        } catch (CertificateException e) {
            throw new IllegalArgumentException(what + " must hold X.509 certificates in PEM or DER: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(what + " holds no certificate");
        }
        StringBuilder pem = new StringBuilder();
        for (Certificate certificate : certificates) {
            try {
                pem.append("-----BEGIN CERTIFICATE-----\n")
                        .append(PEM_BODY.encodeToString(certificate.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            } catch (CertificateException e) {
                throw new IllegalArgumentException(what + " holds a certificate that cannot be encoded", e);
            }
        }
        return pem.toString();
    }
}
