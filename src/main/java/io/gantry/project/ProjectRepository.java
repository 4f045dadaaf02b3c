package io.gantry.project;

import static io.gantry.db.Tables.EXTENSION_REQUEST;
import static io.gantry.db.Tables.PLATFORM_CONTACT;
import static io.gantry.db.Tables.PROJECT;
import static io.gantry.db.Tables.PROJECT_CHOICE;
import static io.gantry.db.Tables.PROJECT_MEMBER;
import static io.gantry.db.Tables.PROJECT_QUOTA;

import io.gantry.db.tables.records.ExtensionRequestRecord;
import io.gantry.db.tables.records.ProjectRecord;
import io.gantry.shared.ListSort;
import io.gantry.shared.SortableColumns;
import io.gantry.shared.schema.SqlSort;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

@Repository
class ProjectRepository {

    /** A membership as stored: who, in which role, since when. */
    record Membership(long projectId, long userId, ProjectRole role, Instant addedAt) {
    }

    /** What the extension requests page may be sorted by. */
    static final SortableColumns<Field<?>> EXTENSIONS_SORTABLE = SortableColumns.<Field<?>>builder()
            .add("project", PROJECT.NAME)
            .add("requester", EXTENSION_REQUEST.REQUESTER)
            .add("requested", EXTENSION_REQUEST.REQUESTED_AT)
            .add("days", EXTENSION_REQUEST.DAYS)
            .add("status", EXTENSION_REQUEST.STATUS)
            .add("decidedBy", EXTENSION_REQUEST.DECIDED_BY)
            .add("decided", EXTENSION_REQUEST.DECIDED_AT)
            .build();

    private final DSLContext db;

    ProjectRepository(DSLContext db) {
        this.db = db;
    }

    // projects

    List<Project> all() {
        return db.selectFrom(PROJECT).orderBy(PROJECT.NAME).fetch(ProjectRepository::toProject);
    }

    List<Project> ofUser(long userId) {
        return db.select(PROJECT.fields()).from(PROJECT)
                .join(PROJECT_MEMBER).on(PROJECT_MEMBER.PROJECT_ID.eq(PROJECT.ID))
                .where(PROJECT_MEMBER.USER_ID.eq(userId))
                .orderBy(PROJECT.NAME)
                .fetch(r -> toProject(r.into(PROJECT)));
    }

    /** A page of the projects by name: all of them (userId null) or a user's. */
    List<Project> page(Long userId, int offset, int limit) {
        return db.select(PROJECT.fields()).from(PROJECT).where(memberOf(userId))
                .orderBy(PROJECT.NAME, PROJECT.ID).offset(offset).limit(limit)
                .fetch(r -> toProject(r.into(PROJECT)));
    }

    int count(Long userId) {
        return db.fetchCount(PROJECT, memberOf(userId));
    }

    private static org.jooq.Condition memberOf(Long userId) {
        return userId == null ? DSL.noCondition() : DSL.exists(DSL.selectOne().from(PROJECT_MEMBER)
                .where(PROJECT_MEMBER.PROJECT_ID.eq(PROJECT.ID).and(PROJECT_MEMBER.USER_ID.eq(userId))));
    }

    Optional<Project> byId(long id) {
        return db.selectFrom(PROJECT).where(PROJECT.ID.eq(id)).fetchOptional(ProjectRepository::toProject);
    }

    Map<Long, String> names(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return db.select(PROJECT.ID, PROJECT.NAME).from(PROJECT).where(PROJECT.ID.in(ids))
                .fetchMap(r -> r.value1(), r -> r.value2());
    }

    boolean nameTaken(String name, Long exceptId) {
        var condition = PROJECT.NAME.equalIgnoreCase(name);
        return db.fetchExists(PROJECT, exceptId == null ? condition : condition.and(PROJECT.ID.ne(exceptId)));
    }

    long insert(ProjectForm form, Instant now) {
        ProjectRecord record = db.newRecord(PROJECT);
        fill(record, form);
        record.setCreatedAt(now);
        record.store();
        return record.getId();
    }

    void update(long id, ProjectForm form) {
        ProjectRecord record = db.fetchSingle(PROJECT, PROJECT.ID.eq(id));
        fill(record, form);
        record.store();
    }

    void rename(long id, String name, String description) {
        db.update(PROJECT).set(PROJECT.NAME, name).set(PROJECT.DESCRIPTION, description).where(PROJECT.ID.eq(id))
                .execute();
    }

    void delete(long id) {
        db.deleteFrom(PROJECT).where(PROJECT.ID.eq(id)).execute();
    }

    /** Moves the end date only if it still is what the request saw: an approval applies exactly once. */
    boolean moveEndDate(long id, LocalDate from, LocalDate to) {
        return db.update(PROJECT).set(PROJECT.END_DATE, to)
                .where(PROJECT.ID.eq(id).and(PROJECT.END_DATE.eq(from))).execute() == 1;
    }

    private static void fill(ProjectRecord r, ProjectForm form) {
        r.setName(form.name().strip());
        r.setDescription(form.description() == null || form.description().isBlank() ? null : form.description().strip());
        r.setStartDate(form.startDate());
        r.setEndDate(form.endDate());
        ProjectLimits limits = form.limits();
        r.setMaxUsers(limits.maxUsers());
        r.setMaxJobHours(limits.maxJobHours());
        r.setContainerMaxHours(limits.containerMaxHours());
        r.setIdleReclaimHours(limits.idleReclaimHours());
        r.setApprovalThreshold(limits.approvalThreshold());
        r.setMembersSeeAll(limits.membersSeeAll());
    }

    private static Project toProject(ProjectRecord r) {
        return new Project(r.getId(), r.getName(), r.getDescription(), r.getStartDate(), r.getEndDate(),
                new ProjectLimits(r.getMaxUsers(), r.getMaxJobHours(), r.getContainerMaxHours(),
                        r.getIdleReclaimHours(), r.getApprovalThreshold(), r.getMembersSeeAll()),
                r.getCreatedAt());
    }

    // quotas

    List<Quota> quotas(long projectId) {
        return db.selectFrom(PROJECT_QUOTA).where(PROJECT_QUOTA.PROJECT_ID.eq(projectId)).orderBy(PROJECT_QUOTA.SPEC_ID)
                .fetch(r -> new Quota(r.getSpecId(), r.getDevices(), r.getMaxPerUser()));
    }

    /** The quotas of these projects, in one query. */
    Map<Long, List<Quota>> quotasOf(Collection<Long> projectIds) {
        Map<Long, List<Quota>> quotas = new java.util.HashMap<>();
        if (projectIds.isEmpty()) {
            return quotas;
        }
        db.selectFrom(PROJECT_QUOTA).where(PROJECT_QUOTA.PROJECT_ID.in(projectIds)).orderBy(PROJECT_QUOTA.SPEC_ID)
                .forEach(r -> quotas.computeIfAbsent(r.getProjectId(), id -> new java.util.ArrayList<>())
                        .add(new Quota(r.getSpecId(), r.getDevices(), r.getMaxPerUser())));
        return quotas;
    }

    /** Every project's quotas and longest job, in one query. */
    List<SchedulingLimits> schedulingLimits() {
        return db.select(PROJECT.ID, DSL.multiset(DSL.select(PROJECT_QUOTA.SPEC_ID, PROJECT_QUOTA.DEVICES,
                                        PROJECT_QUOTA.MAX_PER_USER).from(PROJECT_QUOTA)
                                .where(PROJECT_QUOTA.PROJECT_ID.eq(PROJECT.ID)).orderBy(PROJECT_QUOTA.SPEC_ID))
                        .convertFrom(rows -> rows.map(r -> new Quota(r.value1(), r.value2(), r.value3()))),
                        PROJECT.MAX_JOB_HOURS)
                .from(PROJECT).orderBy(PROJECT.NAME)
                .fetch(r -> new SchedulingLimits(r.value1(), r.value2(), r.value3()));
    }

    void setQuotas(long projectId, Collection<Quota> quotas) {
        db.deleteFrom(PROJECT_QUOTA).where(PROJECT_QUOTA.PROJECT_ID.eq(projectId)).execute();
        for (Quota quota : quotas) {
            db.insertInto(PROJECT_QUOTA)
                    .set(PROJECT_QUOTA.PROJECT_ID, projectId)
                    .set(PROJECT_QUOTA.SPEC_ID, quota.specId())
                    .set(PROJECT_QUOTA.DEVICES, quota.devices())
                    .set(PROJECT_QUOTA.MAX_PER_USER, quota.maxPerUser())
                    .execute();
        }
    }

    /** Devices granted per spec to all projects but one (null: all projects). */
    Map<Long, Integer> grantedPerSpec(Long exceptProjectId) {
        var condition = exceptProjectId == null ? DSL.noCondition() : PROJECT_QUOTA.PROJECT_ID.ne(exceptProjectId);
        return db.select(PROJECT_QUOTA.SPEC_ID, DSL.sum(PROJECT_QUOTA.DEVICES)).from(PROJECT_QUOTA).where(condition)
                .groupBy(PROJECT_QUOTA.SPEC_ID)
                .fetchMap(r -> r.value1(), r -> r.value2().intValue());
    }

    // members

    List<Membership> members(long projectId) {
        return db.selectFrom(PROJECT_MEMBER).where(PROJECT_MEMBER.PROJECT_ID.eq(projectId))
                .orderBy(PROJECT_MEMBER.ROLE, PROJECT_MEMBER.ADDED_AT)
                .fetch(r -> new Membership(r.getProjectId(), r.getUserId(), ProjectRole.valueOf(r.getRole()),
                        r.getAddedAt()));
    }

    List<Membership> membershipsOf(long userId) {
        return db.selectFrom(PROJECT_MEMBER).where(PROJECT_MEMBER.USER_ID.eq(userId))
                .fetch(r -> new Membership(r.getProjectId(), r.getUserId(), ProjectRole.valueOf(r.getRole()),
                        r.getAddedAt()));
    }

    Optional<ProjectRole> roleOf(long projectId, long userId) {
        return db.select(PROJECT_MEMBER.ROLE).from(PROJECT_MEMBER)
                .where(PROJECT_MEMBER.PROJECT_ID.eq(projectId).and(PROJECT_MEMBER.USER_ID.eq(userId)))
                .fetchOptional(r -> ProjectRole.valueOf(r.value1()));
    }

    int memberCount(long projectId) {
        return db.fetchCount(PROJECT_MEMBER, PROJECT_MEMBER.PROJECT_ID.eq(projectId));
    }

    /** A user's role in each of these projects they are a member of, in one query. */
    Map<Long, ProjectRole> rolesOf(long userId, Collection<Long> projectIds) {
        if (projectIds.isEmpty()) {
            return Map.of();
        }
        return db.select(PROJECT_MEMBER.PROJECT_ID, PROJECT_MEMBER.ROLE).from(PROJECT_MEMBER)
                .where(PROJECT_MEMBER.USER_ID.eq(userId).and(PROJECT_MEMBER.PROJECT_ID.in(projectIds)))
                .fetchMap(r -> r.value1(), r -> ProjectRole.valueOf(r.value2()));
    }

    /** How many members each of these projects has, counted in one query. */
    Map<Long, Integer> memberCounts(Collection<Long> projectIds) {
        if (projectIds.isEmpty()) {
            return Map.of();
        }
        return db.select(PROJECT_MEMBER.PROJECT_ID, DSL.count()).from(PROJECT_MEMBER)
                .where(PROJECT_MEMBER.PROJECT_ID.in(projectIds)).groupBy(PROJECT_MEMBER.PROJECT_ID)
                .fetchMap(r -> r.value1(), r -> r.value2());
    }

    List<Long> managerIds(long projectId) {
        return db.select(PROJECT_MEMBER.USER_ID).from(PROJECT_MEMBER).where(PROJECT_MEMBER.PROJECT_ID.eq(projectId))
                .and(PROJECT_MEMBER.ROLE.eq(ProjectRole.MANAGER.name())).orderBy(PROJECT_MEMBER.USER_ID)
                .fetch(PROJECT_MEMBER.USER_ID);
    }

    int managerCount(long projectId) {
        return db.fetchCount(PROJECT_MEMBER, PROJECT_MEMBER.PROJECT_ID.eq(projectId)
                .and(PROJECT_MEMBER.ROLE.eq(ProjectRole.MANAGER.name())));
    }

    void addMember(long projectId, long userId, ProjectRole role, Instant now) {
        db.insertInto(PROJECT_MEMBER)
                .set(PROJECT_MEMBER.PROJECT_ID, projectId)
                .set(PROJECT_MEMBER.USER_ID, userId)
                .set(PROJECT_MEMBER.ROLE, role.name())
                .set(PROJECT_MEMBER.ADDED_AT, now)
                .onConflictDoNothing()
                .execute();
    }

    void setRole(long projectId, long userId, ProjectRole role) {
        db.update(PROJECT_MEMBER).set(PROJECT_MEMBER.ROLE, role.name())
                .where(PROJECT_MEMBER.PROJECT_ID.eq(projectId).and(PROJECT_MEMBER.USER_ID.eq(userId))).execute();
    }

    void removeMember(long projectId, long userId) {
        db.deleteFrom(PROJECT_MEMBER)
                .where(PROJECT_MEMBER.PROJECT_ID.eq(projectId).and(PROJECT_MEMBER.USER_ID.eq(userId))).execute();
    }

    // extension requests

    long insertExtension(long projectId, String requester, int days, String reason, Instant now) {
        return db.insertInto(EXTENSION_REQUEST)
                .set(EXTENSION_REQUEST.PROJECT_ID, projectId)
                .set(EXTENSION_REQUEST.REQUESTER, requester)
                .set(EXTENSION_REQUEST.DAYS, days)
                .set(EXTENSION_REQUEST.REASON, reason)
                .set(EXTENSION_REQUEST.STATUS, ExtensionStatus.PENDING.name())
                .set(EXTENSION_REQUEST.REQUESTED_AT, now)
                .returningResult(EXTENSION_REQUEST.ID)
                .fetchOne(EXTENSION_REQUEST.ID);
    }

    boolean hasPendingExtension(long projectId) {
        return db.fetchExists(EXTENSION_REQUEST, EXTENSION_REQUEST.PROJECT_ID.eq(projectId)
                .and(EXTENSION_REQUEST.STATUS.eq(ExtensionStatus.PENDING.name())));
    }

    Optional<ExtensionRequest> extension(long id) {
        return extensions(EXTENSION_REQUEST.ID.eq(id)).stream().findFirst();
    }

    List<ExtensionRequest> extensionsOf(long projectId) {
        return extensions(EXTENSION_REQUEST.PROJECT_ID.eq(projectId));
    }

    List<ExtensionRequest> extensionsWith(ExtensionStatus status) {
        return extensions(EXTENSION_REQUEST.STATUS.eq(status.name()));
    }

    List<ExtensionRequest> extensions(ExtensionFilter filter) {
        return extensions(filtered(filter));
    }

    /** A page of the filtered requests in the asked order (only {@link #EXTENSIONS_SORTABLE}), then newest first. */
    List<ExtensionRequest> extensions(ExtensionFilter filter, List<ListSort> sort, int offset, int limit) {
        return db.select(EXTENSION_REQUEST.fields()).select(PROJECT.NAME).from(EXTENSION_REQUEST)
                .join(PROJECT).on(PROJECT.ID.eq(EXTENSION_REQUEST.PROJECT_ID))
                .where(filtered(filter))
                .orderBy(SqlSort.orderBy(EXTENSIONS_SORTABLE, sort, EXTENSION_REQUEST.REQUESTED_AT.desc(),
                        EXTENSION_REQUEST.ID.desc()))
                .offset(offset).limit(limit)
                .fetch(ProjectRepository::toExtension);
    }

    int countExtensions(ExtensionFilter filter) {
        return db.fetchCount(EXTENSION_REQUEST, filtered(filter));
    }

    private static org.jooq.Condition filtered(ExtensionFilter filter) {
        return switch (filter) {
            case PENDING -> EXTENSION_REQUEST.STATUS.eq(ExtensionStatus.PENDING.name());
            case DECIDED -> EXTENSION_REQUEST.STATUS.ne(ExtensionStatus.PENDING.name());
            case ALL -> DSL.noCondition();
        };
    }

    private List<ExtensionRequest> extensions(org.jooq.Condition condition) {
        return db.select(EXTENSION_REQUEST.fields()).select(PROJECT.NAME).from(EXTENSION_REQUEST)
                .join(PROJECT).on(PROJECT.ID.eq(EXTENSION_REQUEST.PROJECT_ID))
                .where(condition)
                .orderBy(EXTENSION_REQUEST.REQUESTED_AT.desc(), EXTENSION_REQUEST.ID.desc())
                .fetch(ProjectRepository::toExtension);
    }

    /** Decides a pending request; false when it was no longer pending (decided by someone else meanwhile). */
    boolean decide(long id, ExtensionStatus status, String decidedBy, String message, Instant now, LocalDate before,
                   LocalDate after) {
        return db.update(EXTENSION_REQUEST)
                .set(EXTENSION_REQUEST.STATUS, status.name())
                .set(EXTENSION_REQUEST.DECIDED_BY, decidedBy)
                .set(EXTENSION_REQUEST.DECIDED_AT, now)
                .set(EXTENSION_REQUEST.DECISION_MESSAGE, message)
                .set(EXTENSION_REQUEST.END_DATE_BEFORE, before)
                .set(EXTENSION_REQUEST.END_DATE_AFTER, after)
                .where(EXTENSION_REQUEST.ID.eq(id).and(EXTENSION_REQUEST.STATUS.eq(ExtensionStatus.PENDING.name())))
                .execute() == 1;
    }

    private static ExtensionRequest toExtension(Record r) {
        ExtensionRequestRecord e = r.into(EXTENSION_REQUEST);
        return new ExtensionRequest(e.getId(), e.getProjectId(), r.get(PROJECT.NAME), e.getRequester(), e.getDays(),
                e.getReason(), ExtensionStatus.valueOf(e.getStatus()), e.getRequestedAt(),
                e.getDecidedBy(), e.getDecidedAt(),
                e.getDecisionMessage(), e.getEndDateBefore(), e.getEndDateAfter());
    }

    // the user's current and default project

    Optional<Long> currentProject(long userId) {
        return db.select(PROJECT_CHOICE.CURRENT_PROJECT_ID).from(PROJECT_CHOICE).where(PROJECT_CHOICE.USER_ID.eq(userId))
                .fetchOptional(r -> r.value1());
    }

    Optional<Long> defaultProject(long userId) {
        return db.select(PROJECT_CHOICE.DEFAULT_PROJECT_ID).from(PROJECT_CHOICE).where(PROJECT_CHOICE.USER_ID.eq(userId))
                .fetchOptional(r -> r.value1());
    }

    void setCurrentProject(long userId, long projectId) {
        db.insertInto(PROJECT_CHOICE).set(PROJECT_CHOICE.USER_ID, userId).set(PROJECT_CHOICE.CURRENT_PROJECT_ID, projectId)
                .onConflict(PROJECT_CHOICE.USER_ID).doUpdate().set(PROJECT_CHOICE.CURRENT_PROJECT_ID, projectId)
                .execute();
    }

    void setDefaultProject(long userId, Long projectId) {
        db.insertInto(PROJECT_CHOICE).set(PROJECT_CHOICE.USER_ID, userId).set(PROJECT_CHOICE.DEFAULT_PROJECT_ID, projectId)
                .onConflict(PROJECT_CHOICE.USER_ID).doUpdate().set(PROJECT_CHOICE.DEFAULT_PROJECT_ID, projectId)
                .execute();
    }

    // contact

    Contact contact() {
        return db.selectFrom(PLATFORM_CONTACT).where(PLATFORM_CONTACT.ID.eq(1))
                .fetchOne(r -> new Contact(r.getName(), r.getEmail(), r.getPhone(), r.getNote()));
    }

    void saveContact(Contact contact) {
        db.update(PLATFORM_CONTACT)
                .set(PLATFORM_CONTACT.NAME, contact.name())
                .set(PLATFORM_CONTACT.EMAIL, contact.email())
                .set(PLATFORM_CONTACT.PHONE, contact.phone())
                .set(PLATFORM_CONTACT.NOTE, contact.note())
                .where(PLATFORM_CONTACT.ID.eq(1))
                .execute();
    }
}
