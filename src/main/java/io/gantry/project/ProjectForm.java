package io.gantry.project;

import java.time.LocalDate;
import java.util.List;

/** What a platform admin enters for a project; checked by {@link ProjectService}. */
public record ProjectForm(String name, String description, LocalDate startDate, LocalDate endDate,
                          ProjectLimits limits, List<Quota> quotas) {
}
