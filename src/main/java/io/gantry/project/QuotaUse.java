package io.gantry.project;

/** One line of a project's quota: the spec, how many devices are granted and how many its work holds now. */
public record QuotaUse(long specId, String specName, int granted, int used, Integer maxPerUser) {

    public int free() {
        return Math.max(0, granted - used);
    }
}
