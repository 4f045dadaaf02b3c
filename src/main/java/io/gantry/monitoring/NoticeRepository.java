package io.gantry.monitoring;

import static io.gantry.db.Tables.NOTICE;

import io.gantry.audit.OperationLogArguments;
import io.gantry.db.tables.records.NoticeRecord;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

@Repository
class NoticeRepository {

    private final DSLContext db;

    NoticeRepository(DSLContext db) {
        this.db = db;
    }

    long insert(long userId, Instant at, String messageKey, String arguments, String link) {
        return db.insertInto(NOTICE)
                .set(NOTICE.USER_ID, userId)
                .set(NOTICE.CREATED_AT, at)
                .set(NOTICE.MESSAGE_KEY, messageKey)
                .set(NOTICE.ARGUMENTS, arguments)
                .set(NOTICE.LINK, link)
                .returning(NOTICE.ID)
                .fetchOne(NOTICE.ID);
    }

    /**
     * Inserts unless the user already has a notice with this key; whether it did. The unique constraint decides, so
     * that two transactions inserting at once (two replicas) end with one row: on PostgreSQL the second waits for the
     * first and then does nothing.
     */
    boolean insertOnce(long userId, String dedupKey, Instant at, String messageKey, String arguments, String link) {
        return db.insertInto(NOTICE)
                .set(NOTICE.USER_ID, userId)
                .set(NOTICE.DEDUP_KEY, dedupKey)
                .set(NOTICE.CREATED_AT, at)
                .set(NOTICE.MESSAGE_KEY, messageKey)
                .set(NOTICE.ARGUMENTS, arguments)
                .set(NOTICE.LINK, link)
                .onConflict(NOTICE.USER_ID, NOTICE.DEDUP_KEY)
                .doNothing()
                .execute() == 1;
    }

    int unread(long userId) {
        return db.fetchCount(NOTICE, NOTICE.USER_ID.eq(userId).and(NOTICE.READ_AT.isNull()));
    }

    int count(long userId) {
        return db.fetchCount(NOTICE, NOTICE.USER_ID.eq(userId));
    }

    /** Newest first; notices of one instant in the order they came. */
    List<Notice> page(long userId, int offset, int limit) {
        return db.selectFrom(NOTICE)
                .where(NOTICE.USER_ID.eq(userId))
                .orderBy(NOTICE.CREATED_AT.desc(), NOTICE.ID.desc())
                .offset(offset)
                .limit(limit)
                .fetch(NoticeRepository::notice);
    }

    /** Marks the user's notice read, if it is theirs and unread; whether it did. */
    boolean markRead(long userId, long noticeId, Instant at) {
        return db.update(NOTICE)
                .set(NOTICE.READ_AT, at)
                .where(NOTICE.ID.eq(noticeId).and(NOTICE.USER_ID.eq(userId)).and(NOTICE.READ_AT.isNull()))
                .execute() == 1;
    }

    boolean exists(long userId, long noticeId) {
        return db.fetchExists(NOTICE, NOTICE.ID.eq(noticeId).and(NOTICE.USER_ID.eq(userId)));
    }

    int markAllRead(long userId, Instant at) {
        return db.update(NOTICE)
                .set(NOTICE.READ_AT, at)
                .where(NOTICE.USER_ID.eq(userId).and(NOTICE.READ_AT.isNull()))
                .execute();
    }

    private static Notice notice(NoticeRecord r) {
        return new Notice(r.getId(), r.getCreatedAt(), r.getMessageKey(),
                OperationLogArguments.read(r.getArguments()), r.getLink(), r.getReadAt());
    }
}
