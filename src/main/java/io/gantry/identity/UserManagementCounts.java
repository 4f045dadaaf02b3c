package io.gantry.identity;

/** The figures of the user management dashboard (Apulis 4.1). */
public record UserManagementCounts(int users, int groups, int roles) {
}
