package io.gantry.project;

/** A user's role inside a project (AI-Stack 三: 成員 or 管理員). */
public enum ProjectRole { MANAGER, MEMBER }
