package io.gantry.project;

/**
 * The limits a platform admin sets on a project; null means no limit.
 *
 * @param maxUsers how many members the project may have
 * @param maxJobHours the longest a single task may run (Apulis "Max use time per job")
 * @param containerMaxHours the longest a container may live (AI-Stack 容器使用時長限制)
 * @param idleReclaimHours after how long an idle container is reclaimed (AI-Stack 容器靜置回收時長限制)
 * @param approvalThreshold requests for more devices than this wait for a project manager's approval
 * @param membersSeeAll whether members see each other's containers in lists
 */
public record ProjectLimits(Integer maxUsers, Integer maxJobHours, Integer containerMaxHours, Integer idleReclaimHours,
                            Integer approvalThreshold, boolean membersSeeAll) {

    public static final ProjectLimits NONE = new ProjectLimits(null, null, null, null, null, false);

    /** The largest value of each limit, in the service and in the form's fields alike. */
    public static final int MAX_USERS = 10_000;
    /** A task or a container may be allowed to run for up to a year. */
    public static final int MAX_HOURS = 24 * 366;
    /** An idle container is reclaimed after at most 30 days: idle longer is no longer "idle reclaim". */
    public static final int MAX_IDLE_RECLAIM_HOURS = 24 * 30;
}
