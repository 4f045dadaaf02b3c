package io.gantry.billing;

/** What cost analysis splits spending by; only platform admins split it by project. */
public enum CostDimension {
    SERVICE_TYPE, SPEC, MEMBER, PROJECT
}
