package io.gantry.cluster;

/** How users sign in to containers started from an image (AI-Stack 五: key or password). */
public enum LoginMethod { KEY, PASSWORD }
