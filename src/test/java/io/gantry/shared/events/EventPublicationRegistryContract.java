package io.gantry.shared.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.gantry.broker.Grant;
import io.gantry.broker.RequestDecided;
import io.gantry.cluster.NodesChanged;
import io.gantry.runtime.WorkloadEnded;
import io.gantry.runtime.WorkloadState;
import io.gantry.runtime.WorkloadStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.modulith.events.support.PersistentApplicationEventMulticaster;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Events between modules go through Spring Modulith's event publication registry: stored with the publishing
 * transaction, kept until the listener completes, delivered again by the periodic job and on start; run on H2 and on
 * PostgreSQL.
 */
abstract class EventPublicationRegistryContract {

    private static final Field<String> STATUS = field(name("status"), SQLDataType.VARCHAR);
    private static final Field<OffsetDateTime> COMPLETION_DATE =
            field(name("completion_date"), SQLDataType.TIMESTAMPWITHTIMEZONE);
    private static final Field<OffsetDateTime> PUBLICATION_DATE =
            field(name("publication_date"), SQLDataType.TIMESTAMPWITHTIMEZONE);
    private static final Field<OffsetDateTime> LAST_RESUBMISSION_DATE =
            field(name("last_resubmission_date"), SQLDataType.TIMESTAMPWITHTIMEZONE);
    private static final Field<Integer> COMPLETION_ATTEMPTS = field(name("completion_attempts"), SQLDataType.INTEGER);
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    RegistryProbeListener listener;
    @Autowired
    EventResubmission resubmission;
    @Autowired
    PersistentApplicationEventMulticaster multicaster;
    @Autowired
    Scheduler scheduler;
    @Autowired
    DSLContext db;
    @Autowired
    Clock clock;
    @Autowired
    EventSerializer serializer;

    @Test
    void aListenerThatFailsLeavesItsPublicationIncompleteAndTheResubmissionDeliversIt() {
        String token = publishCommitted(1);
        await().atMost(WAIT).until(() -> "FAILED".equals(status(token)));
        Record failed = publication(token).orElseThrow();
        assertThat(failed.get(COMPLETION_DATE)).isNull();
        assertThat(failed.get(COMPLETION_ATTEMPTS)).isEqualTo(1);
        assertThat(listener.attempts(token)).isEqualTo(1);
        assertThat(listener.delivered(token)).isFalse();

        // Younger than the configured wait: the periodic run leaves it to its listener a while longer.
        resubmission.resubmit();
        assertThat(publication(token).orElseThrow().get(COMPLETION_ATTEMPTS)).isEqualTo(1);
        assertThat(status(token)).isEqualTo("FAILED");

        resubmission.resubmitOlderThan(Duration.ZERO);
        await().atMost(WAIT).until(() -> listener.delivered(token));
        // A completed publication is deleted.
        await().atMost(WAIT).until(() -> publication(token).isEmpty());
        assertThat(listener.attempts(token)).isEqualTo(2);
    }

    @Test
    void anEventPublishedInATransactionThatRollsBackIsNeverDelivered() {
        String token = UUID.randomUUID().toString();
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            events.publishEvent(new RegistryProbe(token, 0));
            status.setRollbackOnly();
        });
        assertThat(publication(token)).isEmpty();

        resubmission.resubmitOlderThan(Duration.ZERO);
        multicaster.afterSingletonsInstantiated();
        // One committed after it is delivered, on the same threads the rolled-back one would have taken.
        String committed = publishCommitted(0);
        await().atMost(WAIT).until(() -> listener.delivered(committed));
        await().atMost(WAIT).until(() -> publication(committed).isEmpty());
        assertThat(listener.attempts(token)).isZero();
        assertThat(publication(token)).isEmpty();
    }

    @Test
    void anOutstandingPublicationIsDeliveredWhenTheApplicationStarts() {
        String token = publishCommitted(1);
        await().atMost(WAIT).until(() -> "FAILED".equals(status(token)));

        // What the registry does once the application's beans are ready, on every start.
        multicaster.afterSingletonsInstantiated();

        await().atMost(WAIT).until(() -> listener.delivered(token));
        await().atMost(WAIT).until(() -> publication(token).isEmpty());
    }

    @Test
    void aRedeliveryWhoseReplicaDiedIsDeliveredAgainButOneUnderWayIsNot() {
        String stalled = publishCommitted(1);
        String underWay = publishCommitted(1);
        await().atMost(WAIT).until(() -> "FAILED".equals(status(stalled)) && "FAILED".equals(status(underWay)));
        // Both were published three minutes ago and claimed for redelivery: one two minutes ago by a replica that
        // then died, the other ten seconds ago by a replica whose listener is still at work.
        var now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        claimedForRedelivery(stalled, now.minusMinutes(3), now.minusMinutes(2));
        claimedForRedelivery(underWay, now.minusMinutes(3), now.minusSeconds(10));

        resubmission.resubmitOlderThan(Duration.ofMinutes(1));

        await().atMost(WAIT).until(() -> listener.delivered(stalled));
        await().atMost(WAIT).until(() -> publication(stalled).isEmpty());
        assertThat(status(underWay)).isEqualTo("RESUBMITTED");
        assertThat(listener.attempts(underWay)).isEqualTo(1);

        // Once it has waited as long, it is delivered again too.
        resubmission.resubmitOlderThan(Duration.ZERO);
        await().atMost(WAIT).until(() -> listener.delivered(underWay));
        await().atMost(WAIT).until(() -> publication(underWay).isEmpty());
    }

    @Test
    void theEventsBetweenModulesComeBackFromTheRegistryAsTheyWerePublished() {
        var published = List.<Object>of(
                new NodesChanged(7, false),
                new RequestDecided(12, "container:3", RequestDecided.Decision.PLACED,
                        List.of(new Grant.Slot(4, List.of(0, 1)), new Grant.Slot(5, List.of(2)))),
                new WorkloadEnded("local", new WorkloadStatus("container-3", WorkloadState.FAILED, 137,
                        "runtime.reason.memory", List.of("4096"), clock.instant())));
        for (Object event : published) {
            assertThat(serializer.deserialize(serializer.serialize(event), event.getClass())).isEqualTo(event);
        }
    }

    @Test
    void theResubmissionIsAClusteredQuartzJobInTheDatabase() throws Exception {
        assertThat(scheduler.getMetaData().isJobStoreClustered()).isTrue();
        assertThat(scheduler.getTrigger(TriggerKey.triggerKey("event-resubmission", "events"))).isNotNull();
    }

    private String publishCommitted(int failures) {
        String token = UUID.randomUUID().toString();
        new TransactionTemplate(transactions)
                .executeWithoutResult(status -> events.publishEvent(new RegistryProbe(token, failures)));
        return token;
    }

    private Condition ofProbe(String token) {
        return field(name("listener_id")).eq(RegistryProbeListener.ID)
                .and(field(name("serialized_event"), SQLDataType.VARCHAR).contains(token));
    }

    private Optional<Record> publication(String token) {
        return db.select(STATUS, COMPLETION_DATE, COMPLETION_ATTEMPTS).from(table(name("event_publication")))
                .where(ofProbe(token)).fetchOptional().map(Record.class::cast);
    }

    private String status(String token) {
        return publication(token).map(r -> r.get(STATUS)).orElse(null);
    }

    private void claimedForRedelivery(String token, OffsetDateTime published, OffsetDateTime claimed) {
        db.update(table(name("event_publication")))
                .set(STATUS, "RESUBMITTED")
                .set(PUBLICATION_DATE, published)
                .set(LAST_RESUBMISSION_DATE, claimed)
                .where(ofProbe(token))
                .execute();
    }
}
