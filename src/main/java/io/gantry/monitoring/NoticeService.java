package io.gantry.monitoring;

import io.gantry.identity.CurrentUser;
import io.gantry.shared.NotFound;
import java.time.Clock;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The signed-in user's notices: how many are unread, the list newest first, and marking them read. Everyone signed in
 * has notices, and sees only their own. Reading a notice is not an operation worth a line in the operation log.
 */
@Service
@PreAuthorize("isAuthenticated()")
public class NoticeService {

    private final NoticeRepository repository;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    NoticeService(NoticeRepository repository, ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.events = events;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public int unreadCount() {
        return repository.unread(me());
    }

    @Transactional(readOnly = true)
    public int count() {
        return repository.count(me());
    }

    /** A page of the user's notices, newest first. */
    @Transactional(readOnly = true)
    public List<Notice> page(int offset, int limit) {
        return repository.page(me(), offset, limit);
    }

    /** Marks one of the user's notices read; reading it again changes nothing. */
    @Transactional
    public void markRead(long noticeId) {
        long me = me();
        if (repository.markRead(me, noticeId, clock.instant())) {
            events.publishEvent(new NoticesChanged(me));
        } else if (!repository.exists(me, noticeId)) {
            // Another user's notice is answered as one that does not exist.
            throw new NotFound("notice");
        }
    }

    /** Marks every unread notice of the user read; returns how many. */
    @Transactional
    public int markAllRead() {
        long me = me();
        int marked = repository.markAllRead(me, clock.instant());
        if (marked > 0) {
            events.publishEvent(new NoticesChanged(me));
        }
        return marked;
    }

    private static long me() {
        return CurrentUser.get().orElseThrow().id();
    }
}
