/**
 * Schedules: cron triggers with a time zone, a start and an end, single-line or multi-line, that run task templates
 * (AI-Stack 六.5). One clustered Quartz job looks for due fires; each fire of a schedule is recorded once across
 * replicas and runs its templates as normal tasks through {@link io.gantry.task.Tasks}. The trigger editor's model and
 * its descriptions are pure logic in {@code schedule.cron}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"audit :: api", "identity", "identity :: api",
        "project", "project :: api", "task", "task :: api", "db", "shared"})
package io.gantry.schedule;
