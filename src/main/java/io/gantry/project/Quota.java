package io.gantry.project;

/**
 * The devices of one spec a project may use at once, and how many of them one member may hold (Apulis "Max
 * Available Per User"; null: no per-user limit).
 */
public record Quota(long specId, int devices, Integer maxPerUser) {
}
