package io.gantry.network;

import static io.gantry.db.Tables.SSH_KEY;

import io.gantry.db.tables.records.SshKeyRecord;
import io.gantry.shared.ListSort;
import io.gantry.shared.SortableColumns;
import io.gantry.shared.schema.SqlSort;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.springframework.stereotype.Repository;

@Repository
class SshKeyRepository {

    /** What the key list may be sorted by. */
    static final SortableColumns<Field<?>> SORTABLE = SortableColumns.<Field<?>>builder()
            .add("name", SSH_KEY.NAME)
            .add("fingerprint", SSH_KEY.FINGERPRINT)
            .add("created", SSH_KEY.CREATED_AT)
            .build();

    private final DSLContext db;

    SshKeyRepository(DSLContext db) {
        this.db = db;
    }

    List<SshKey> ofUser(long userId) {
        return db.selectFrom(SSH_KEY).where(SSH_KEY.USER_ID.eq(userId)).orderBy(SSH_KEY.NAME)
                .fetch(SshKeyRepository::toKey);
    }

    /** A page of a user's keys in the asked order, then by name. */
    List<SshKey> ofUser(long userId, List<ListSort> sort, int offset, int limit) {
        return db.selectFrom(SSH_KEY).where(SSH_KEY.USER_ID.eq(userId))
                .orderBy(SqlSort.orderBy(SORTABLE, sort, SSH_KEY.NAME.asc(), SSH_KEY.ID.asc()))
                .offset(offset).limit(limit).fetch(SshKeyRepository::toKey);
    }

    int countOfUser(long userId) {
        return db.fetchCount(SSH_KEY, SSH_KEY.USER_ID.eq(userId));
    }

    Optional<SshKey> ofUser(long userId, long id) {
        return db.selectFrom(SSH_KEY).where(SSH_KEY.ID.eq(id).and(SSH_KEY.USER_ID.eq(userId)))
                .fetchOptional(SshKeyRepository::toKey);
    }

    List<SshKey> ofUser(long userId, Collection<Long> ids) {
        return db.selectFrom(SSH_KEY).where(SSH_KEY.USER_ID.eq(userId).and(SSH_KEY.ID.in(ids)))
                .orderBy(SSH_KEY.ID).fetch(SshKeyRepository::toKey);
    }

    boolean nameTaken(long userId, String name) {
        return db.fetchExists(SSH_KEY, SSH_KEY.USER_ID.eq(userId).and(SSH_KEY.NAME.equalIgnoreCase(name)));
    }

    Optional<String> nameWithFingerprint(long userId, String fingerprint) {
        return db.select(SSH_KEY.NAME).from(SSH_KEY)
                .where(SSH_KEY.USER_ID.eq(userId).and(SSH_KEY.FINGERPRINT.eq(fingerprint)))
                .limit(1).fetchOptional(SSH_KEY.NAME);
    }

    long insert(long userId, String name, SshPublicKey key, Instant now) {
        return db.insertInto(SSH_KEY).set(SSH_KEY.USER_ID, userId).set(SSH_KEY.NAME, name)
                .set(SSH_KEY.ALGORITHM, key.algorithm()).set(SSH_KEY.BITS, key.bits())
                .set(SSH_KEY.FINGERPRINT, key.fingerprint()).set(SSH_KEY.PUBLIC_KEY, key.openSshLine())
                .set(SSH_KEY.CREATED_AT, now)
                .returningResult(SSH_KEY.ID).fetchOne(SSH_KEY.ID);
    }

    void delete(long id) {
        db.deleteFrom(SSH_KEY).where(SSH_KEY.ID.eq(id)).execute();
    }

    private static SshKey toKey(SshKeyRecord r) {
        return new SshKey(r.getId(), r.getName(), r.getAlgorithm(), r.getBits(), r.getFingerprint(), r.getPublicKey(),
                r.getCreatedAt());
    }
}
