package io.gantry.workload;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * How many devices the platform's workloads rented, hour by hour, for the pages that show rental over time (AI-Stack
 * 五.4). Checks no user permission: the calling service decides whose projects its user may see.
 */
@Component
@NamedInterface("api")
public class DeviceRentals {

    private final RentalRepository repository;
    private final Clock clock;

    DeviceRentals(RentalRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /**
     * Device-hours per spec for each of {@code hours} hours from {@code from} (an hour's start), rented by workloads
     * of these projects, or of all projects when {@code projectIds} is null. Work still running counts up to now.
     */
    @Transactional(readOnly = true)
    public List<RentedHour> hourly(Collection<Long> projectIds, Instant from, int hours) {
        if (hours <= 0) {
            throw new IllegalArgumentException("hours " + hours);
        }
        return repository.hourly(projectIds, from, hours, clock.instant());
    }
}
