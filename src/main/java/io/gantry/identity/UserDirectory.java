package io.gantry.identity;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accounts as other modules name them (a project's members, a container's login name, a picker's candidates): ids,
 * user names and nicknames, read in one query for many ids. No user check: it tells no more than a name, and the
 * caller has decided that its own user may see it. Joins the caller's transaction.
 */
@Component
@NamedInterface("api")
public class UserDirectory {

    private final UserRepository users;

    UserDirectory(UserRepository users) {
        this.users = users;
    }

    /** The accounts with these ids that exist, in no particular order. */
    @Transactional(readOnly = true)
    public List<UserRef> refs(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return users.byIds(ids).stream().map(u -> new UserRef(u.id(), u.username(), u.nickname())).toList();
    }

    /** As {@link #refs}, by id. */
    @Transactional(readOnly = true)
    public Map<Long, UserRef> byId(Collection<Long> ids) {
        return refs(ids).stream().collect(Collectors.toMap(UserRef::id, Function.identity()));
    }

    /** Accounts whose name contains the text, leaving out these ones (the members a picker must not offer again). */
    @Transactional(readOnly = true)
    public List<UserRef> search(String text, Collection<Long> except, int offset, int limit) {
        return users.searchExcept(text, except, offset, limit).stream()
                .map(u -> new UserRef(u.id(), u.username(), u.nickname())).toList();
    }
}
