package io.gantry.network;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;

/** The kinds of key pair the platform generates for a user. */
public enum KeyAlgorithm {
    ED25519,
    RSA_4096;

    /** A fresh key pair from the JDK's strong default random source. */
    KeyPair generate() {
        try {
            return switch (this) {
                case ED25519 -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                case RSA_4096 -> {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(4096);
                    yield generator.generateKeyPair();
                }
            };
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("The JDK cannot generate " + this, missing);
        }
    }
}
