package io.gantry.network;

/**
 * A key pair just generated: the saved public key, and the private key in OpenSSH format, handed out this once and
 * stored nowhere.
 */
public record GeneratedKey(SshKey key, String privateKey) {

    /** Suggested file name for the download, like ssh-keygen's defaults. */
    public String privateKeyFileName() {
        return "id_" + key.family().toLowerCase(java.util.Locale.ROOT) + "_" + key.name().replaceAll("[^A-Za-z0-9._-]", "_");
    }

    @Override
    public String toString() {
        return "GeneratedKey[key=" + key + ", privateKey=(not shown)]";
    }
}
