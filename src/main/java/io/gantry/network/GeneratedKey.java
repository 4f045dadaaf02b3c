package io.gantry.network;

/**
 * A key pair just generated: the saved public key, and the private key in OpenSSH format, handed out this once and
 * stored nowhere.
 */
public record GeneratedKey(SshKey key, String privateKey) {

    private static final int SLUG_MAX = 40;

    /**
     * Suggested file name for the download, like ssh-keygen's defaults: {@code id_ed25519_laptop-2}. The key's name
     * keeps its ASCII letters, digits, "-" and "_"; every other run of characters becomes one "_"; a name with none
     * left (a Chinese one, say) gives the key's number instead.
     */
    public String privateKeyFileName() {
        return "id_" + key.family().toLowerCase(java.util.Locale.ROOT) + "_" + slug(key.name(), key.id());
    }

    static String slug(String name, long fallback) {
        String slug = (name == null ? "" : name).replaceAll("[^A-Za-z0-9_-]+", "_").replaceAll("_{2,}", "_")
                .replaceAll("^[_-]+|[_-]+$", "");
        if (slug.length() > SLUG_MAX) {
            slug = slug.substring(0, SLUG_MAX).replaceAll("[_-]+$", "");
        }
        return slug.isEmpty() ? Long.toString(fallback) : slug;
    }

    @Override
    public String toString() {
        return "GeneratedKey[key=" + key + ", privateKey=(not shown)]";
    }
}
