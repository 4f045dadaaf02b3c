package io.gantry.project;

/**
 * What is left to grant of a spec: its devices in the cluster minus what other projects hold as quota. The project
 * form shows it beside each spec.
 */
public record QuotaHeadroom(long specId, String specName, java.util.List<Integer> allowedCounts, int capacity,
                            int grantedElsewhere) {

    public int freeToGrant() {
        return Math.max(0, capacity - grantedElsewhere);
    }
}
