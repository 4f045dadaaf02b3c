package io.gantry.runtime;

/**
 * An image saved from a running workload.
 *
 * @param savedFiles for the local runtime: the directory holding the image's files, else null
 */
public record SavedImage(String reference, String savedFiles, long sizeBytes) {
}
