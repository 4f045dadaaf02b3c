package io.gantry.broker;

import java.time.Instant;

/**
 * Why a request waits or was refused, in numbers a screen can turn into a sentence: "2 of 8 free in group-sized
 * blocks (4 needed); next expected when request 17 ends by 14:00; 3 requests ahead".
 *
 * @param usableFree free devices of the spec on schedulable nodes, counted in blocks the request could use
 * @param totalFree all free devices of the spec on schedulable nodes
 * @param limit the limit that refuses or holds the request (quota, per-user maximum, hours), where there is one
 * @param held what the project or user holds now, against that limit
 * @param nextRelease the request whose devices are expected back first, and when (null: not known)
 * @param ahead requests before this one in the queue
 */
public record Explanation(Reason reason, int needed, int usableFree, int totalFree, int limit, int held,
                          Long nextRelease, Instant nextReleaseBy, int ahead) {

    public enum Reason {
        /** Refused: asks for a device count the spec does not allow. */
        COUNT_NOT_ALLOWED,
        /** Refused: more devices than the project's quota of the spec. */
        OVER_QUOTA,
        /** Refused: more devices than one user may hold in the project. */
        OVER_USER_LIMIT,
        /** Refused: longer than the project's maximum run time per job. */
        OVER_MAX_HOURS,
        /** Refused: CPU or memory outside the spec's pod limits. */
        OUTSIDE_POD_LIMITS,
        /** Refused: no node set of the cluster could ever hold it. */
        NEVER_FITS,
        /** Waits: the project's own running work holds the quota it needs. */
        WAITING_FOR_PROJECT_QUOTA,
        /** Waits: the user's own running work holds what one user may hold. */
        WAITING_FOR_USER_LIMIT,
        /** Waits: first in line, for devices to be given back. */
        WAITING_FOR_DEVICES,
        /** Waits: behind other requests (fair share across projects, first come first served inside one). */
        WAITING_IN_LINE,
        /** Waits: it would fit now, but would delay the request first in line. */
        WOULD_DELAY_HEAD,
        /** Evicted: preemptible work made room for a project under its quota. */
        PREEMPTED;

        public boolean refuses() {
            return ordinal() <= NEVER_FITS.ordinal();
        }
    }

    public static Explanation of(Reason reason, int needed, int limit, int held) {
        return new Explanation(reason, needed, 0, 0, limit, held, null, null, 0);
    }
}
