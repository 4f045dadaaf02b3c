package io.gantry.shared.events;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.DSLContext;
import org.jooq.impl.SQLDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.stereotype.Component;

/**
 * Delivers again the events between modules that a listener has not completed: it failed, or the replica delivering
 * it died. Spring Modulith's registry keeps each such publication in {@code event_publication} until its listener
 * completes; every start delivers them all again, and {@link EventResubmissionJob} does it every
 * {@code gantry.events.resubmit-interval} for those older than {@code gantry.events.resubmit-after}. Delivery is at
 * least once: a listener must be safe to run twice for the same event.
 */
@Component
public class EventResubmission {

    private static final Logger log = LoggerFactory.getLogger(EventResubmission.class);

    private final IncompleteEventPublications incomplete;
    private final DSLContext db;
    private final Clock clock;
    private final Duration after;

    EventResubmission(IncompleteEventPublications incomplete, DSLContext db, Clock clock,
                      @Value("${gantry.events.resubmit-after:1m}") Duration after) {
        this.incomplete = incomplete;
        this.db = db;
        this.clock = clock;
        this.after = after;
    }

    /** Delivers again what has waited longer than the configured time. */
    public void resubmit() {
        resubmitOlderThan(after);
    }

    /** Delivers again every publication made more than {@code age} ago that no listener has completed. */
    public void resubmitOlderThan(Duration age) {
        int stalled = releaseStalledRedeliveries(age);
        if (stalled > 0) {
            log.info("{} event publication(s) whose redelivery stopped more than {} ago are delivered again", stalled,
                    age);
        }
        incomplete.resubmitIncompletePublicationsOlderThan(age);
    }

    /**
     * Modulith claims a publication for redelivery by marking it RESUBMITTED and never claims a RESUBMITTED one again,
     * so one whose replica died during the redelivery would wait forever: after the same time, it counts as failed.
     */
    private int releaseStalledRedeliveries(Duration age) {
        var status = field(name("status"), SQLDataType.VARCHAR);
        return db.update(table(name("event_publication")))
                .set(status, "FAILED")
                .where(status.eq("RESUBMITTED"))
                .and(field(name("completion_date")).isNull())
                .and(field(name("last_resubmission_date"), SQLDataType.TIMESTAMPWITHTIMEZONE)
                        .lt(OffsetDateTime.ofInstant(clock.instant().minus(age), ZoneOffset.UTC)))
                .execute();
    }
}
