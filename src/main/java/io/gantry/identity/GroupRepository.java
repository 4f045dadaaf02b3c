package io.gantry.identity;

import static io.gantry.db.Tables.GROUP_MEMBER;
import static io.gantry.db.Tables.GROUP_ROLE;
import static io.gantry.db.Tables.USER_GROUP;

import io.gantry.db.tables.records.UserGroupRecord;
import io.gantry.shared.ListSort;
import io.gantry.shared.SortableColumns;
import io.gantry.shared.schema.SqlSort;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

@Repository
class GroupRepository {

    /** What the group list may be sorted by. */
    static final SortableColumns<Field<?>> SORTABLE = SortableColumns.<Field<?>>builder()
            .add("name", USER_GROUP.NAME)
            .add("description", USER_GROUP.DESCRIPTION)
            .add("created", USER_GROUP.CREATED_AT)
            .build();

    private final DSLContext db;

    GroupRepository(DSLContext db) {
        this.db = db;
    }

    long insert(String name, String description, Instant now) {
        return db.insertInto(USER_GROUP)
                .set(USER_GROUP.NAME, name)
                .set(USER_GROUP.DESCRIPTION, description)
                .set(USER_GROUP.CREATED_AT, now)
                .returningResult(USER_GROUP.ID)
                .fetchOne(USER_GROUP.ID);
    }

    void update(long id, String name, String description) {
        db.update(USER_GROUP).set(USER_GROUP.NAME, name).set(USER_GROUP.DESCRIPTION, description)
                .where(USER_GROUP.ID.eq(id)).execute();
    }

    boolean nameExists(String name, Long exceptId) {
        Condition condition = USER_GROUP.NAME.equalIgnoreCase(name);
        return db.fetchExists(USER_GROUP, exceptId == null ? condition : condition.and(USER_GROUP.ID.ne(exceptId)));
    }

    Optional<GroupInfo> byId(long id) {
        return db.selectFrom(USER_GROUP).where(USER_GROUP.ID.eq(id)).fetchOptional(GroupRepository::toInfo);
    }

    List<GroupInfo> search(String text, int offset, int limit) {
        return search(text, List.of(), offset, limit);
    }

    /** A page of the matching groups in the asked order, then by name. */
    List<GroupInfo> search(String text, List<ListSort> sort, int offset, int limit) {
        return db.selectFrom(USER_GROUP).where(matching(text))
                .orderBy(SqlSort.orderBy(SORTABLE, sort, USER_GROUP.NAME.asc())).offset(offset).limit(limit)
                .fetch(GroupRepository::toInfo);
    }

    int count(String text) {
        return db.fetchCount(USER_GROUP, matching(text));
    }

    List<GroupInfo> all() {
        return db.selectFrom(USER_GROUP).orderBy(USER_GROUP.NAME).fetch(GroupRepository::toInfo);
    }

    List<GroupInfo> ofUser(long userId) {
        return db.select(USER_GROUP.fields()).from(USER_GROUP)
                .join(GROUP_MEMBER).on(GROUP_MEMBER.GROUP_ID.eq(USER_GROUP.ID))
                .where(GROUP_MEMBER.USER_ID.eq(userId)).orderBy(USER_GROUP.NAME)
                .fetch(r -> toInfo(r.into(USER_GROUP)));
    }

    List<GroupInfo> withRole(long roleId) {
        return db.select(USER_GROUP.fields()).from(USER_GROUP)
                .join(GROUP_ROLE).on(GROUP_ROLE.GROUP_ID.eq(USER_GROUP.ID))
                .where(GROUP_ROLE.ROLE_ID.eq(roleId)).orderBy(USER_GROUP.NAME)
                .fetch(r -> toInfo(r.into(USER_GROUP)));
    }

    Set<Long> existingIds(Collection<Long> ids) {
        return db.select(USER_GROUP.ID).from(USER_GROUP).where(USER_GROUP.ID.in(ids)).fetchSet(USER_GROUP.ID);
    }

    void setRoles(long groupId, Collection<Long> roleIds) {
        db.deleteFrom(GROUP_ROLE).where(GROUP_ROLE.GROUP_ID.eq(groupId)).execute();
        for (Long roleId : roleIds) {
            db.insertInto(GROUP_ROLE).set(GROUP_ROLE.GROUP_ID, groupId).set(GROUP_ROLE.ROLE_ID, roleId).execute();
        }
    }

    /** Adds the users not yet in the group; returns how many joined. */
    int addMembers(long groupId, Collection<Long> userIds) {
        int added = 0;
        for (Long userId : userIds) {
            added += db.insertInto(GROUP_MEMBER).set(GROUP_MEMBER.GROUP_ID, groupId).set(GROUP_MEMBER.USER_ID, userId)
                    .onConflictDoNothing().execute();
        }
        return added;
    }

    void removeMember(long groupId, long userId) {
        db.deleteFrom(GROUP_MEMBER).where(GROUP_MEMBER.GROUP_ID.eq(groupId).and(GROUP_MEMBER.USER_ID.eq(userId)))
                .execute();
    }

    /** Gives the role to exactly these groups. */
    void setGroupsOfRole(long roleId, Collection<Long> groupIds) {
        db.deleteFrom(GROUP_ROLE).where(GROUP_ROLE.ROLE_ID.eq(roleId)).execute();
        for (Long groupId : groupIds) {
            db.insertInto(GROUP_ROLE).set(GROUP_ROLE.GROUP_ID, groupId).set(GROUP_ROLE.ROLE_ID, roleId).execute();
        }
    }

    void delete(long id) {
        db.deleteFrom(USER_GROUP).where(USER_GROUP.ID.eq(id)).execute();
    }

    int countAll() {
        return db.fetchCount(USER_GROUP);
    }

    private static Condition matching(String text) {
        if (text == null || text.isBlank()) {
            return DSL.noCondition();
        }
        String word = text.strip();
        return USER_GROUP.NAME.containsIgnoreCase(word).or(USER_GROUP.DESCRIPTION.containsIgnoreCase(word));
    }

    private static GroupInfo toInfo(UserGroupRecord r) {
        return new GroupInfo(r.getId(), r.getName(), r.getDescription(), r.getCreatedAt());
    }
}
