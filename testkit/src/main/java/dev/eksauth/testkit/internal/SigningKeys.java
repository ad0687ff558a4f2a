package dev.eksauth.testkit.internal;

import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

/** Generates signing keys for the fake OIDC issuer. */
public final class SigningKeys {
    private SigningKeys() {
    }

    /**
     * A new private key for an RSA (RS*, PS*) or EC (ES256, ES384, ES512) algorithm, with a random
     * key id, the algorithm and {@code use: sig} set.
     *
     * @throws IllegalArgumentException for any other algorithm
     */
    public static JWK generate(JWSAlgorithm algorithm) {
        String kid = UUID.randomUUID().toString();
        try {
            if (JWSAlgorithm.Family.RSA.contains(algorithm)) {
                return new RSAKeyGenerator(2048).keyID(kid).algorithm(algorithm).keyUse(KeyUse.SIGNATURE).generate();
            }
            if (JWSAlgorithm.Family.EC.contains(algorithm)) {
                return new ECKeyGenerator(Curve.forJWSAlgorithm(algorithm).iterator().next())
                        .keyID(kid).algorithm(algorithm).keyUse(KeyUse.SIGNATURE).generate();
            }
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a key for " + algorithm, e);
        }
        throw new IllegalArgumentException("no key can be generated for " + algorithm);
    }
}
