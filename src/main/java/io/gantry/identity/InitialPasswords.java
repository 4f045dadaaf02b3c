package io.gantry.identity;

import java.security.SecureRandom;

/** Generates strong initial passwords: 16 characters with every character class, without look-alike characters. */
public final class InitialPasswords {

    private static final String LOWER = "abcdefghijkmnpqrstuvwxyz";
    private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String DIGITS = "23456789";
    private static final String SYMBOLS = "!@#%^*-_=+?";
    private static final String ALL = LOWER + UPPER + DIGITS + SYMBOLS;
    static final int LENGTH = 16;

    private final SecureRandom random;

    public InitialPasswords(SecureRandom random) {
        this.random = random;
    }

    public String next() {
        char[] password = new char[LENGTH];
        password[0] = pick(LOWER);
        password[1] = pick(UPPER);
        password[2] = pick(DIGITS);
        password[3] = pick(SYMBOLS);
        for (int i = 4; i < LENGTH; i++) {
            password[i] = pick(ALL);
        }
        for (int i = LENGTH - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            char swap = password[i];
            password[i] = password[j];
            password[j] = swap;
        }
        return new String(password);
    }

    private char pick(String alphabet) {
        return alphabet.charAt(random.nextInt(alphabet.length()));
    }
}
