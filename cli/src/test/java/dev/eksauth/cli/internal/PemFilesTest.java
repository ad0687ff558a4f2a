package dev.eksauth.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.eksauth.testkit.LoopbackCertificate;

class PemFilesTest {
    @TempDir
    Path dir;

    static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    static KeyPair ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    Path pem(String name, Object object) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return Files.writeString(dir.resolve(name), out.toString());
    }

    @Test
    void readsPkcs8Pkcs1AndSec1Keys() throws Exception {
        KeyPair rsa = rsa();
        KeyPair ec = ec();

        assertThat(PemFiles.privateKey(pem("rsa8.pem", new JcaPKCS8Generator(rsa.getPrivate(), null))).getEncoded())
                .isEqualTo(rsa.getPrivate().getEncoded());
        Path rsa1 = pem("rsa1.pem", rsa);
        assertThat(Files.readString(rsa1)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(PemFiles.privateKey(rsa1).getAlgorithm()).isEqualTo("RSA");
        assertThat(PemFiles.privateKey(pem("ec8.pem", new JcaPKCS8Generator(ec.getPrivate(), null))).getEncoded())
                .isEqualTo(ec.getPrivate().getEncoded());
    }

    @Test
    void readsAnOpensslSec1EcKeyThatSignsForItsCertificate() throws Exception {
        Path key = copy("test-only-sec1-ec.key");
        Path cert = copy("test-only-sec1-ec.crt");
        assertThat(Files.readString(key)).startsWith("-----BEGIN EC PRIVATE KEY-----");

        java.security.Signature signer = java.security.Signature.getInstance("SHA256withECDSA");
        signer.initSign(PemFiles.privateKey(key));
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        java.security.Signature verifier = java.security.Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(PemFiles.certificates(cert).get(0).getPublicKey());
        verifier.update(new byte[] {1, 2, 3});
        assertThat(verifier.verify(signature)).isTrue();
    }

    Path copy(String resource) throws Exception {
        try (var in = PemFilesTest.class.getResourceAsStream(resource)) {
            return Files.write(dir.resolve(resource), in.readAllBytes());
        }
    }

    @Test
    void readsCertificateChainsLeafFirst() throws Exception {
        LoopbackCertificate leaf = LoopbackCertificate.generate();
        LoopbackCertificate other = LoopbackCertificate.generate();
        Path chain = Files.writeString(dir.resolve("chain.pem"), leaf.certificatePem() + other.certificatePem());

        assertThat(PemFiles.certificates(chain)).containsExactly(leaf.certificate(), other.certificate());
    }

    @Test
    void refusesFilesWithoutAKeyAndNeverQuotesThem() throws Exception {
        Path cert = Files.writeString(dir.resolve("cert.pem"), LoopbackCertificate.generate().certificatePem());
        Path secretish = Files.writeString(dir.resolve("odd.pem"), "-----BEGIN PRIVATE KEY-----\nc2VjcmV0\n-----END PRIVATE KEY-----\n");

        assertThatThrownBy(() -> PemFiles.privateKey(cert)).isInstanceOfSatisfying(CliException.class,
                e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INPUT)).hasMessageContaining("holds no unencrypted PEM private key");
        assertThatThrownBy(() -> PemFiles.privateKey(secretish)).isInstanceOf(CliException.class)
                .hasMessageNotContaining("c2VjcmV0");
        assertThatThrownBy(() -> PemFiles.certificates(dir.resolve("missing.pem"))).hasMessageContaining("no certificate file");
    }

    @Test
    void aKeyThatDoesNotMatchTheCertificateOrIsMissingIsBadInput() throws Exception {
        LoopbackCertificate tls = LoopbackCertificate.generate();
        Path cert = Files.writeString(dir.resolve("c.pem"), tls.certificatePem());
        Path key = Files.writeString(dir.resolve("k.pem"), tls.privateKeyPem());
        Path otherKey = pem("other.pem", new JcaPKCS8Generator(ec().getPrivate(), null));

        assertThat(PemFiles.serverContext(cert, key).getProtocol()).isEqualTo("TLS");
        assertThatThrownBy(() -> PemFiles.serverContext(cert, otherKey))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INPUT))
                .hasMessageContaining("is not the private key of the first certificate");
        assertThatThrownBy(() -> PemFiles.serverContext(cert, dir.resolve("none.pem"))).hasMessageContaining("no key file");
    }
}
