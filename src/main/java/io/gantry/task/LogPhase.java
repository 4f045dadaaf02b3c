package io.gantry.task;

/** The part of a task's life a log line belongs to (Apulis 5.8). */
public enum LogPhase {
    PREPARING, PULLING, RUNNING, CLEANING_UP
}
