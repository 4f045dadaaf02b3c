package io.gantry.identity;

/** The colour scheme a user chose; SYSTEM follows the browser's setting. */
public enum Theme { SYSTEM, LIGHT, DARK }
