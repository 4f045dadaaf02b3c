package io.gantry.identity;

import static io.gantry.db.Tables.APP_USER;
import static io.gantry.db.Tables.GROUP_MEMBER;
import static io.gantry.db.Tables.GROUP_ROLE;
import static io.gantry.db.Tables.ROLE;
import static io.gantry.db.Tables.USER_ROLE;

import io.gantry.db.tables.records.AppUserRecord;
import io.gantry.shared.ListSort;
import io.gantry.shared.SortableColumns;
import io.gantry.shared.schema.SqlSort;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

@Repository
class UserRepository {

    /** What the user list may be sorted by. */
    static final SortableColumns<Field<?>> SORTABLE = SortableColumns.<Field<?>>builder()
            .add("username", APP_USER.USERNAME)
            .add("nickname", APP_USER.NICKNAME)
            .add("phone", APP_USER.PHONE)
            .add("email", APP_USER.EMAIL)
            .add("maxJobHours", APP_USER.MAX_JOB_HOURS)
            .add("created", APP_USER.CREATED_AT)
            .build();

    private final DSLContext db;

    UserRepository(DSLContext db) {
        this.db = db;
    }

    long insert(NewUser user, String passwordHash, boolean builtin, boolean mustChangePassword, Instant now) {
        return db.insertInto(APP_USER)
                .set(APP_USER.USERNAME, user.username())
                .set(APP_USER.NICKNAME, user.nickname())
                .set(APP_USER.PHONE, blankToNull(user.phone()))
                .set(APP_USER.EMAIL, blankToNull(user.email()))
                .set(APP_USER.DESCRIPTION, blankToNull(user.description()))
                .set(APP_USER.MAX_JOB_HOURS, user.maxJobHours())
                .set(APP_USER.PASSWORD_HASH, passwordHash)
                .set(APP_USER.BUILTIN, builtin)
                .set(APP_USER.MUST_CHANGE_PASSWORD, mustChangePassword)
                .set(APP_USER.CREATED_AT, now)
                .returningResult(APP_USER.ID)
                .fetchOne(APP_USER.ID);
    }

    Optional<AppUserRecord> byUsername(String username) {
        return db.selectFrom(APP_USER).where(APP_USER.USERNAME.eq(username)).fetchOptional();
    }

    Optional<AppUserRecord> byId(long id) {
        return db.selectFrom(APP_USER).where(APP_USER.ID.eq(id)).fetchOptional();
    }

    boolean usernameExists(String username) {
        return db.fetchExists(APP_USER, APP_USER.USERNAME.eq(username));
    }

    Set<String> existingUsernames(Collection<String> usernames) {
        return db.select(APP_USER.USERNAME).from(APP_USER).where(APP_USER.USERNAME.in(usernames))
                .fetchSet(APP_USER.USERNAME);
    }

    Optional<AppUserRecord> builtinAdmin() {
        return db.selectFrom(APP_USER).where(APP_USER.BUILTIN.isTrue()).fetchOptional();
    }

    List<UserAccount> search(String text, int offset, int limit) {
        return search(text, List.of(), offset, limit);
    }

    /** A page of the matching accounts in the asked order, then by user name. */
    List<UserAccount> search(String text, List<ListSort> sort, int offset, int limit) {
        return db.selectFrom(APP_USER)
                .where(matching(text))
                .orderBy(SqlSort.orderBy(SORTABLE, sort, APP_USER.USERNAME.asc()))
                .offset(offset)
                .limit(limit)
                .fetch(UserRepository::toAccount);
    }

    int count(String text) {
        return db.fetchCount(APP_USER, matching(text));
    }

    /**
     * Per user, the roles held directly and whether a group grants one, in one query: a row per user and direct role
     * (a user without one still has a row), each with the group check.
     */
    Map<Long, UserRoles> rolesOf(Collection<Long> userIds) {
        if (userIds.isEmpty()) {
            return Map.of();
        }
        var throughGroup = DSL.exists(DSL.selectOne().from(GROUP_MEMBER)
                .join(GROUP_ROLE).on(GROUP_ROLE.GROUP_ID.eq(GROUP_MEMBER.GROUP_ID))
                .where(GROUP_MEMBER.USER_ID.eq(APP_USER.ID)));
        Map<Long, List<UserRoles.Held>> direct = new LinkedHashMap<>();
        Map<Long, Boolean> viaGroup = new HashMap<>();
        db.select(APP_USER.ID, ROLE.NAME, ROLE.PRESET, DSL.field(throughGroup).as("through_group"))
                .from(APP_USER)
                .leftJoin(USER_ROLE).on(USER_ROLE.USER_ID.eq(APP_USER.ID))
                .leftJoin(ROLE).on(ROLE.ID.eq(USER_ROLE.ROLE_ID))
                .where(APP_USER.ID.in(userIds))
                .orderBy(APP_USER.ID, ROLE.PRESET.isNull(), ROLE.ID)
                .forEach(r -> {
                    List<UserRoles.Held> held = direct.computeIfAbsent(r.value1(), id -> new ArrayList<>());
                    if (r.value2() != null) {
                        held.add(new UserRoles.Held(r.value2(),
                                r.value3() == null ? null : PresetRole.valueOf(r.value3())));
                    }
                    viaGroup.put(r.value1(), Boolean.TRUE.equals(r.value4()));
                });
        Map<Long, UserRoles> result = new HashMap<>();
        direct.forEach((id, held) -> result.put(id, new UserRoles(List.copyOf(held), viaGroup.get(id))));
        return result;
    }

    /** As {@link #search}, leaving out these accounts (a picker's members already chosen). */
    List<UserAccount> searchExcept(String text, Collection<Long> except, int offset, int limit) {
        return db.selectFrom(APP_USER)
                .where(matching(text))
                .and(except.isEmpty() ? DSL.noCondition() : APP_USER.ID.notIn(except))
                .orderBy(APP_USER.USERNAME)
                .offset(offset)
                .limit(limit)
                .fetch(UserRepository::toAccount);
    }

    /** As {@link #search}, only the accounts that are not members of the group. */
    List<UserAccount> searchOutsideGroup(long groupId, String text, int offset, int limit) {
        return db.selectFrom(APP_USER)
                .where(matching(text))
                .andNotExists(DSL.selectOne().from(GROUP_MEMBER)
                        .where(GROUP_MEMBER.GROUP_ID.eq(groupId).and(GROUP_MEMBER.USER_ID.eq(APP_USER.ID))))
                .orderBy(APP_USER.USERNAME)
                .offset(offset)
                .limit(limit)
                .fetch(UserRepository::toAccount);
    }

    int countAll() {
        return db.fetchCount(APP_USER);
    }

    List<UserAccount> byIds(Collection<Long> ids) {
        return db.selectFrom(APP_USER).where(APP_USER.ID.in(ids)).orderBy(APP_USER.USERNAME)
                .fetch(UserRepository::toAccount);
    }

    List<UserAccount> membersOf(long groupId) {
        return db.select(APP_USER.fields()).from(APP_USER)
                .join(GROUP_MEMBER).on(GROUP_MEMBER.USER_ID.eq(APP_USER.ID))
                .where(GROUP_MEMBER.GROUP_ID.eq(groupId))
                .orderBy(APP_USER.USERNAME)
                .fetch(r -> toAccount(r.into(APP_USER)));
    }

    List<UserAccount> withRole(long roleId) {
        return db.select(APP_USER.fields()).from(APP_USER)
                .join(USER_ROLE).on(USER_ROLE.USER_ID.eq(APP_USER.ID))
                .where(USER_ROLE.ROLE_ID.eq(roleId))
                .orderBy(APP_USER.USERNAME)
                .fetch(r -> toAccount(r.into(APP_USER)));
    }

    /** Users holding the role directly or through one of their groups. */
    List<UserAccount> holdingRole(long roleId) {
        var direct = DSL.select(USER_ROLE.USER_ID).from(USER_ROLE).where(USER_ROLE.ROLE_ID.eq(roleId));
        var viaGroup = DSL.select(GROUP_MEMBER.USER_ID).from(GROUP_MEMBER)
                .join(GROUP_ROLE).on(GROUP_ROLE.GROUP_ID.eq(GROUP_MEMBER.GROUP_ID))
                .where(GROUP_ROLE.ROLE_ID.eq(roleId));
        return db.selectFrom(APP_USER)
                .where(APP_USER.ID.in(direct).or(APP_USER.ID.in(viaGroup)))
                .orderBy(APP_USER.USERNAME)
                .fetch(UserRepository::toAccount);
    }

    void update(long id, UserEdit edit) {
        db.update(APP_USER)
                .set(APP_USER.NICKNAME, edit.nickname())
                .set(APP_USER.PHONE, blankToNull(edit.phone()))
                .set(APP_USER.EMAIL, blankToNull(edit.email()))
                .set(APP_USER.DESCRIPTION, blankToNull(edit.description()))
                .set(APP_USER.MAX_JOB_HOURS, edit.maxJobHours())
                .where(APP_USER.ID.eq(id))
                .execute();
    }

    void setPassword(long id, String passwordHash, boolean mustChange) {
        db.update(APP_USER)
                .set(APP_USER.PASSWORD_HASH, passwordHash)
                .set(APP_USER.MUST_CHANGE_PASSWORD, mustChange)
                .where(APP_USER.ID.eq(id))
                .execute();
    }

    void setPreferences(long id, Preferences preferences) {
        db.update(APP_USER)
                .set(APP_USER.THEME, preferences.theme().name())
                .set(APP_USER.LANGUAGE, preferences.language() == null ? null : preferences.language().tag())
                .set(APP_USER.REFRESH_SECONDS, preferences.refreshSeconds())
                .where(APP_USER.ID.eq(id))
                .execute();
    }

    void delete(long id) {
        db.deleteFrom(APP_USER).where(APP_USER.ID.eq(id)).execute();
    }

    void setRoles(long userId, Collection<Long> roleIds) {
        db.deleteFrom(USER_ROLE).where(USER_ROLE.USER_ID.eq(userId)).execute();
        for (Long roleId : roleIds) {
            db.insertInto(USER_ROLE).set(USER_ROLE.USER_ID, userId).set(USER_ROLE.ROLE_ID, roleId).execute();
        }
    }

    void setGroups(long userId, Collection<Long> groupIds) {
        db.deleteFrom(GROUP_MEMBER).where(GROUP_MEMBER.USER_ID.eq(userId)).execute();
        for (Long groupId : groupIds) {
            db.insertInto(GROUP_MEMBER).set(GROUP_MEMBER.USER_ID, userId).set(GROUP_MEMBER.GROUP_ID, groupId).execute();
        }
    }

    static Preferences preferencesOf(AppUserRecord r) {
        return new Preferences(Theme.valueOf(r.getTheme()), Language.ofTag(r.getLanguage()).orElse(null),
                r.getRefreshSeconds());
    }

    static UserAccount toAccount(AppUserRecord r) {
        return new UserAccount(r.getId(), r.getUsername(), r.getNickname(), r.getPhone(), r.getEmail(),
                r.getDescription(), r.getMaxJobHours(), r.getBuiltin(), r.getMustChangePassword(),
                r.getCreatedAt());
    }

    private static Condition matching(String text) {
        if (text == null || text.isBlank()) {
            return DSL.noCondition();
        }
        // Fuzzy: every word of the search must appear in one of the columns, in any order.
        Condition condition = DSL.noCondition();
        for (String word : text.strip().split("\\s+")) {
            condition = condition.and(APP_USER.USERNAME.containsIgnoreCase(word)
                    .or(APP_USER.NICKNAME.containsIgnoreCase(word))
                    .or(APP_USER.PHONE.containsIgnoreCase(word))
                    .or(APP_USER.EMAIL.containsIgnoreCase(word)));
        }
        return condition;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Gives the role directly to exactly these users. */
    void setUsersOfRole(long roleId, Collection<Long> userIds) {
        db.deleteFrom(USER_ROLE).where(USER_ROLE.ROLE_ID.eq(roleId)).execute();
        for (Long userId : userIds) {
            db.insertInto(USER_ROLE).set(USER_ROLE.USER_ID, userId).set(USER_ROLE.ROLE_ID, roleId).execute();
        }
    }

    Set<Long> existingIds(Collection<Long> ids) {
        return db.select(APP_USER.ID).from(APP_USER).where(APP_USER.ID.in(ids)).fetchSet(APP_USER.ID);
    }
}
