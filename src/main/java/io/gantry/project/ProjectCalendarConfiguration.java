package io.gantry.project;

import java.time.Clock;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Gantry's calendar for projects: the application's clock in the configured zone (the machine's when unset). */
@Configuration(proxyBeanMethods = false)
class ProjectCalendarConfiguration {

    @Bean
    ProjectCalendar projectCalendar(Clock clock, @Value("${gantry.time-zone:}") String zone) {
        return new ProjectCalendar(clock, zone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zone));
    }
}
