package io.gantry.workload;

/**
 * What the job list is narrowed to (Apulis 3.11: type, status, virtual cluster and keyword); a null part does not
 * narrow.
 *
 * @param keyword part of the name or of the image, any case
 */
public record JobFilter(String kind, Phase phase, Long projectId, String keyword) {

    public static final JobFilter NONE = new JobFilter(null, null, null, null);
}
