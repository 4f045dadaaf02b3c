package io.gantry.container;

import static io.gantry.db.Tables.CONTAINER;
import static io.gantry.db.Tables.CONTAINER_EVENT;
import static io.gantry.db.Tables.CONTAINER_KEY;

import io.gantry.cluster.LoginMethod;
import io.gantry.db.tables.records.ContainerRecord;
import io.gantry.shared.ListSort;
import io.gantry.shared.SortableColumns;
import io.gantry.shared.schema.SqlSort;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.springframework.context.ApplicationEventPublisher;
import org.jooq.Field;
import org.springframework.stereotype.Repository;

@Repository
class ContainerRepository {

    /** Separates a reason's arguments in one column; never typed by users into figures. */
    private static final String SEPARATOR = "\u001f";

    /** What the container list may be sorted by. */
    static final SortableColumns<Field<?>> SORTABLE = SortableColumns.<Field<?>>builder()
            .add("name", CONTAINER.NAME)
            .add("devices", CONTAINER.DEVICES)
            .add("image", CONTAINER.IMAGE_REFERENCE)
            .add("id", CONTAINER.ID)
            .add("created", CONTAINER.CREATED_AT)
            .add("state", CONTAINER.STATE)
            .build();

    private final DSLContext db;
    private final ApplicationEventPublisher events;

    ContainerRepository(DSLContext db, ApplicationEventPublisher events) {
        this.db = db;
        this.events = events;
    }

    long insert(ContainerRecord draft) {
        ContainerRecord r = db.newRecord(CONTAINER, draft);
        r.changed(CONTAINER.ID, false);
        r.store();
        return r.getId();
    }

    void insertKey(long containerId, long keyId, String publicKey) {
        db.insertInto(CONTAINER_KEY, CONTAINER_KEY.CONTAINER_ID, CONTAINER_KEY.KEY_ID, CONTAINER_KEY.PUBLIC_KEY)
                .values(containerId, keyId, publicKey).execute();
    }

    /** The public keys a container accepts. */
    List<String> keys(long containerId) {
        return db.select(CONTAINER_KEY.PUBLIC_KEY).from(CONTAINER_KEY)
                .where(CONTAINER_KEY.CONTAINER_ID.eq(containerId)).fetch(CONTAINER_KEY.PUBLIC_KEY);
    }

    /** Names of the live containers that accept a key. */
    List<String> liveUsingKey(long keyId) {
        return db.select(CONTAINER.NAME).from(CONTAINER).join(CONTAINER_KEY)
                .on(CONTAINER_KEY.CONTAINER_ID.eq(CONTAINER.ID))
                .where(CONTAINER_KEY.KEY_ID.eq(keyId)).and(CONTAINER.STATE.in(liveStates()))
                .orderBy(CONTAINER.NAME).fetch(CONTAINER.NAME);
    }

    /** Names of a user's live containers, each with its number. */
    List<String> liveOwnedBy(long userId) {
        return db.select(CONTAINER.NAME, CONTAINER.ID).from(CONTAINER)
                .where(CONTAINER.USER_ID.eq(userId)).and(CONTAINER.STATE.in(liveStates()))
                .orderBy(CONTAINER.NAME, CONTAINER.ID).fetch(r -> r.value1() + " (#" + r.value2() + ")");
    }

    Optional<ContainerRecord> record(long id) {
        return db.selectFrom(CONTAINER).where(CONTAINER.ID.eq(id)).fetchOptional();
    }

    Optional<Container> find(long id) {
        return record(id).map(ContainerRepository::toContainer);
    }

    List<Container> find(Condition condition, int offset, int limit) {
        return find(condition, List.of(), offset, limit);
    }

    /** A page of containers in the asked order, then newest first, so that paging is stable. */
    List<Container> find(Condition condition, List<ListSort> sort, int offset, int limit) {
        return db.selectFrom(CONTAINER).where(condition).and(CONTAINER.STATE.ne(ContainerState.DELETED.name()))
                .orderBy(SqlSort.orderBy(SORTABLE, sort, CONTAINER.CREATED_AT.desc(), CONTAINER.ID.desc()))
                .offset(offset).limit(limit)
                .fetch(ContainerRepository::toContainer);
    }

    int count(Condition condition) {
        return db.fetchCount(CONTAINER, condition.and(CONTAINER.STATE.ne(ContainerState.DELETED.name())));
    }

    List<Container> inStates(Collection<ContainerState> states) {
        return db.selectFrom(CONTAINER).where(CONTAINER.STATE.in(states.stream().map(Enum::name).toList()))
                .fetch(ContainerRepository::toContainer);
    }


    /**
     * Moves a container to a state if it is in one of {@code from}; false if another thread or replica moved it
     * first. The transition is recorded as an event.
     */
    boolean transition(long id, Collection<ContainerState> from, ContainerState to, String reason,
                       List<String> arguments, Instant now) {
        var update = db.update(CONTAINER).set(CONTAINER.STATE, to.name()).set(CONTAINER.REASON, reason)
                .set(CONTAINER.REASON_ARGUMENTS, join(arguments));
        if (to == ContainerState.RUNNING) {
            update = update.set(CONTAINER.STARTED_AT, at(now));
        }
        if (!to.isLive()) {
            update = update.set(CONTAINER.ENDED_AT, at(now));
        }
        boolean moved = update.where(CONTAINER.ID.eq(id))
                .and(CONTAINER.STATE.in(from.stream().map(Enum::name).toList())).execute() == 1;
        if (moved) {
            db.insertInto(CONTAINER_EVENT, CONTAINER_EVENT.CONTAINER_ID, CONTAINER_EVENT.AT, CONTAINER_EVENT.STATE,
                    CONTAINER_EVENT.REASON, CONTAINER_EVENT.REASON_ARGUMENTS)
                    .values(id, at(now), to.name(), reason, join(arguments)).execute();
            changed(id, to);
        }
        return moved;
    }

    void event(long id, ContainerState state, String reason, List<String> arguments, Instant now) {
        db.insertInto(CONTAINER_EVENT, CONTAINER_EVENT.CONTAINER_ID, CONTAINER_EVENT.AT, CONTAINER_EVENT.STATE,
                CONTAINER_EVENT.REASON, CONTAINER_EVENT.REASON_ARGUMENTS)
                .values(id, at(now), state.name(), reason, join(arguments)).execute();
        changed(id, state);
    }

    /** Every recorded state goes with an event, so that open pages show it as it happens. */
    private void changed(long id, ContainerState state) {
        Long projectId = db.select(CONTAINER.PROJECT_ID).from(CONTAINER).where(CONTAINER.ID.eq(id))
                .fetchOne(CONTAINER.PROJECT_ID);
        if (projectId != null) {
            events.publishEvent(new ContainerStateChanged(id, projectId, state));
        }
    }

    void setBrokerRequest(long id, long requestId) {
        db.update(CONTAINER).set(CONTAINER.BROKER_REQUEST_ID, requestId).where(CONTAINER.ID.eq(id)).execute();
    }

    /** Containers in these states whose workload this runtime instance holds. */
    List<Container> heldInStates(String instance, Collection<ContainerState> states) {
        return db.selectFrom(CONTAINER).where(CONTAINER.RUNTIME_INSTANCE.eq(instance))
                .and(CONTAINER.STATE.in(states.stream().map(Enum::name).toList()))
                .fetch(ContainerRepository::toContainer);
    }

    /**
     * Claims a placed container for this runtime instance: QUEUED to CREATING and the holder recorded in one
     * conditional update, so that of several replicas that heard of the placement exactly one starts it.
     */
    boolean claim(long id, String instance, long nodeId, List<Integer> devices, Instant now) {
        boolean moved = db.update(CONTAINER).set(CONTAINER.STATE, ContainerState.CREATING.name())
                .set(CONTAINER.RUNTIME_INSTANCE, instance)
                .set(CONTAINER.REASON, (String) null).set(CONTAINER.REASON_ARGUMENTS, (String) null)
                .where(CONTAINER.ID.eq(id)).and(CONTAINER.STATE.eq(ContainerState.QUEUED.name())).execute() == 1;
        if (moved) {
            setPlacement(id, nodeId, devices);
            event(id, ContainerState.CREATING, null, List.of(), now);
        }
        return moved;
    }

    /**
     * Containers that were started before runtime instances were recorded (an upgrade): this instance takes them, so
     * that a restart still adopts them.
     */
    int adoptUnclaimed(String instance, Collection<ContainerState> states) {
        return db.update(CONTAINER).set(CONTAINER.RUNTIME_INSTANCE, instance)
                .where(CONTAINER.RUNTIME_INSTANCE.isNull())
                .and(CONTAINER.STATE.in(states.stream().map(Enum::name).toList())).execute();
    }

    void setPlacement(long id, long nodeId, List<Integer> devices) {
        db.update(CONTAINER).set(CONTAINER.NODE_ID, nodeId)
                .set(CONTAINER.DEVICE_INDEXES, devices.stream().map(String::valueOf).collect(Collectors.joining(",")))
                .where(CONTAINER.ID.eq(id)).execute();
    }

    void setExitCode(long id, Integer exitCode) {
        db.update(CONTAINER).set(CONTAINER.EXIT_CODE, exitCode).where(CONTAINER.ID.eq(id)).execute();
    }

    List<ContainerEvent> events(long id) {
        return db.selectFrom(CONTAINER_EVENT).where(CONTAINER_EVENT.CONTAINER_ID.eq(id))
                .orderBy(CONTAINER_EVENT.AT, CONTAINER_EVENT.ID)
                .fetch(r -> new ContainerEvent(r.getAt().toInstant(), ContainerState.valueOf(r.getState()),
                        r.getReason(), split(r.getReasonArguments())));
    }


    static Condition inProject(long projectId) {
        return CONTAINER.PROJECT_ID.eq(projectId);
    }

    static Condition ownedBy(long userId) {
        return CONTAINER.USER_ID.eq(userId);
    }

    static Condition inState(ContainerState state) {
        return state == null ? org.jooq.impl.DSL.noCondition() : CONTAINER.STATE.eq(state.name());
    }

    static Condition nameContains(String text) {
        return text == null || text.isBlank() ? org.jooq.impl.DSL.noCondition()
                : CONTAINER.NAME.containsIgnoreCase(text.strip());
    }

    private static List<String> liveStates() {
        return Arrays.stream(ContainerState.values()).filter(ContainerState::isLive).map(Enum::name).toList();
    }

    static Container toContainer(ContainerRecord r) {
        return new Container(r.getId(), r.getProjectId(), r.getUserId(), r.getName(), r.getImageId(),
                r.getImageReference(), r.getSpecId(), r.getDevices(), r.getCpuCores(), r.getMemoryMib(),
                r.getSharedMemoryMib(), LoginMethod.valueOf(r.getLoginMethod()), r.getOffersSsh(),
                r.getOffersJupyter(), r.getOffersTerminal(), r.getWhitelistId(), r.getBrokerRequestId(),
                r.getNodeId(), indexes(r.getDeviceIndexes()), ContainerState.valueOf(r.getState()), r.getReason(),
                split(r.getReasonArguments()), r.getExitCode(), r.getCreatedAt().toInstant(),
                r.getStartedAt() == null ? null : r.getStartedAt().toInstant(),
                r.getEndedAt() == null ? null : r.getEndedAt().toInstant(), r.getRuntimeInstance());
    }

    private static List<Integer> indexes(String text) {
        return text == null || text.isBlank() ? List.of()
                : Arrays.stream(text.split(",")).map(String::trim).map(Integer::valueOf).toList();
    }

    private static String join(List<String> arguments) {
        return arguments == null || arguments.isEmpty() ? null : String.join(SEPARATOR, arguments);
    }

    private static List<String> split(String text) {
        return text == null ? List.of() : List.of(text.split(SEPARATOR, -1));
    }

    static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
