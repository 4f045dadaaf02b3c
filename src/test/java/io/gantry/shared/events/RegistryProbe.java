package io.gantry.shared.events;

/** A test-only event between modules: its listener fails the first {@code failures} times it is handed it. */
public record RegistryProbe(String token, int failures) {
}
