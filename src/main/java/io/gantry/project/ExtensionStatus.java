package io.gantry.project;

public enum ExtensionStatus { PENDING, APPROVED, REJECTED }
