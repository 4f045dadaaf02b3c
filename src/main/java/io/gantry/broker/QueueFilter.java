package io.gantry.broker;

/**
 * What the broker's queue is narrowed to; an empty part does not narrow.
 *
 * @param liveOnly only requests that wait or hold devices
 * @param status only requests in this status
 * @param projectId only the requests of this project
 */
public record QueueFilter(boolean liveOnly, RequestStatus status, Long projectId) {
}
