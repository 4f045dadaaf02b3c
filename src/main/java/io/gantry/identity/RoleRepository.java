package io.gantry.identity;

import static io.gantry.db.Tables.GROUP_MEMBER;
import static io.gantry.db.Tables.GROUP_ROLE;
import static io.gantry.db.Tables.ROLE;
import static io.gantry.db.Tables.ROLE_PERMISSION;
import static io.gantry.db.Tables.USER_ROLE;

import io.gantry.db.tables.records.RoleRecord;
import io.gantry.shared.ListSort;
import io.gantry.shared.Permission;
import io.gantry.shared.SortableColumns;
import io.gantry.shared.schema.SqlSort;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.springframework.stereotype.Repository;

@Repository
class RoleRepository {

    /** What the role list may be sorted by ("type": the preset roles, then the custom ones). */
    static final SortableColumns<Field<?>> SORTABLE = SortableColumns.<Field<?>>builder()
            .add("name", ROLE.NAME)
            .add("type", ROLE.PRESET.isNull())
            .add("created", ROLE.CREATED_AT)
            .build();

    private final DSLContext db;

    RoleRepository(DSLContext db) {
        this.db = db;
    }

    List<RoleInfo> all() {
        return all(List.of());
    }

    /** The roles in the asked order, then the preset ones first, oldest first. */
    List<RoleInfo> all(List<ListSort> sort) {
        return toInfos(db.selectFrom(ROLE)
                .orderBy(SqlSort.orderBy(SORTABLE, sort, ROLE.PRESET.isNull().asc(), ROLE.ID.asc())).fetch());
    }

    Optional<RoleInfo> byId(long id) {
        return db.selectFrom(ROLE).where(ROLE.ID.eq(id)).fetchOptional().map(r -> toInfos(List.of(r)).getFirst());
    }

    Optional<RoleInfo> preset(PresetRole preset) {
        return db.selectFrom(ROLE).where(ROLE.PRESET.eq(preset.name())).fetchOptional()
                .map(r -> toInfos(List.of(r)).getFirst());
    }

    boolean nameExists(String name, Long exceptId) {
        var condition = ROLE.NAME.equalIgnoreCase(name);
        return db.fetchExists(ROLE, exceptId == null ? condition : condition.and(ROLE.ID.ne(exceptId)));
    }

    int countAll() {
        return db.fetchCount(ROLE);
    }

    long insert(String name, String description, Set<Permission> permissions, Instant now) {
        long id = db.insertInto(ROLE)
                .set(ROLE.NAME, name)
                .set(ROLE.DESCRIPTION, description)
                .set(ROLE.CREATED_AT, now)
                .returningResult(ROLE.ID)
                .fetchOne(ROLE.ID);
        setPermissions(id, permissions);
        return id;
    }

    void update(long id, String name, String description, Set<Permission> permissions) {
        db.update(ROLE).set(ROLE.NAME, name).set(ROLE.DESCRIPTION, description).where(ROLE.ID.eq(id)).execute();
        setPermissions(id, permissions);
    }

    void delete(long id) {
        db.deleteFrom(ROLE).where(ROLE.ID.eq(id)).execute();
    }

    List<RoleInfo> ofUser(long userId) {
        return toInfos(db.select(ROLE.fields()).from(ROLE).join(USER_ROLE).on(USER_ROLE.ROLE_ID.eq(ROLE.ID))
                .where(USER_ROLE.USER_ID.eq(userId)).orderBy(ROLE.ID).fetchInto(ROLE));
    }

    List<RoleInfo> ofGroup(long groupId) {
        return toInfos(db.select(ROLE.fields()).from(ROLE).join(GROUP_ROLE).on(GROUP_ROLE.ROLE_ID.eq(ROLE.ID))
                .where(GROUP_ROLE.GROUP_ID.eq(groupId)).orderBy(ROLE.ID).fetchInto(ROLE));
    }

    /** Every role the user holds, directly or through its groups. */
    List<RoleInfo> effectiveOf(long userId) {
        var direct = db.select(USER_ROLE.ROLE_ID).from(USER_ROLE).where(USER_ROLE.USER_ID.eq(userId));
        var viaGroups = db.select(GROUP_ROLE.ROLE_ID).from(GROUP_ROLE)
                .join(GROUP_MEMBER).on(GROUP_MEMBER.GROUP_ID.eq(GROUP_ROLE.GROUP_ID))
                .where(GROUP_MEMBER.USER_ID.eq(userId));
        return toInfos(db.selectFrom(ROLE).where(ROLE.ID.in(direct).or(ROLE.ID.in(viaGroups))).orderBy(ROLE.ID)
                .fetch());
    }

    Set<Long> existingIds(Collection<Long> ids) {
        return db.select(ROLE.ID).from(ROLE).where(ROLE.ID.in(ids)).fetchSet(ROLE.ID);
    }

    private void setPermissions(long roleId, Set<Permission> permissions) {
        db.deleteFrom(ROLE_PERMISSION).where(ROLE_PERMISSION.ROLE_ID.eq(roleId)).execute();
        for (Permission permission : permissions) {
            db.insertInto(ROLE_PERMISSION)
                    .set(ROLE_PERMISSION.ROLE_ID, roleId)
                    .set(ROLE_PERMISSION.PERMISSION, permission.name())
                    .execute();
        }
    }

    private List<RoleInfo> toInfos(List<RoleRecord> roles) {
        if (roles.isEmpty()) {
            return List.of();
        }
        Map<Long, Set<Permission>> granted = db.selectFrom(ROLE_PERMISSION)
                .where(ROLE_PERMISSION.ROLE_ID.in(roles.stream().map(RoleRecord::getId).toList()))
                .fetchGroups(ROLE_PERMISSION.ROLE_ID, ROLE_PERMISSION.PERMISSION)
                .entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().stream()
                        .flatMap(name -> knownPermission(name).stream())
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Permission.class)))));
        return roles.stream().map(r -> {
            PresetRole preset = r.getPreset() == null ? null : PresetRole.valueOf(r.getPreset());
            Set<Permission> permissions = preset != null ? preset.permissions()
                    : granted.getOrDefault(r.getId(), EnumSet.noneOf(Permission.class));
            return new RoleInfo(r.getId(), r.getName(), r.getDescription(), preset, permissions,
                    r.getCreatedAt());
        }).toList();
    }

    /** A permission removed from the code but still stored grants nothing. */
    private static Optional<Permission> knownPermission(String name) {
        try {
            return Optional.of(Permission.valueOf(name));
        } catch (IllegalArgumentException removed) {
            return Optional.empty();
        }
    }
}
