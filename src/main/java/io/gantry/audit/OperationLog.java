package io.gantry.audit;

import io.gantry.shared.Addresses;
import io.gantry.shared.ListSort;
import io.gantry.shared.Permission;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
import org.springframework.modulith.NamedInterface;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The append-only operation log (AI-Stack 八.2). Mutating services call {@link #record} inside their transaction, so
 * an operation and its log line are saved together or not at all. There is deliberately no way to change a line.
 */
@NamedInterface("api")
@Service
public class OperationLog {

    static final String UNKNOWN_ADDRESS = "-";
    static final String SYSTEM_USER = "system";
    private static final int ARGUMENTS_MAX = 8000;

    private final OperationLogRepository repository;
    private final Clock clock;

    OperationLog(OperationLogRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /**
     * Records an operation of the signed-in user, from the address of the current request. The details are a bundle
     * key and its arguments (see {@link OperationLogArguments}), put into words in the reader's language when shown;
     * names go in as text, as they are now, so that a line still reads the same once its user or project is renamed
     * or deleted. A null key records no details.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String action, String target, String messageKey, Object... arguments) {
        recordAs(currentUsername(), currentAddress(), action, target, messageKey, arguments);
    }

    /** Records an operation of a user who is not (yet) the signed-in one, e.g. a login or a registration. */
    @Transactional
    public void recordAs(String username, String sourceIp, String action, String target, String messageKey,
                         Object... arguments) {
        // Never refuse an operation for its log line: arguments too long for the column are replaced by a phrase.
        String json = messageKey == null ? null : OperationLogArguments.writeWithin(ARGUMENTS_MAX, arguments);
        repository.append(clock.instant(), username, sourceIp == null ? UNKNOWN_ADDRESS : Addresses.shortForm(sourceIp), action,
                target, messageKey, json);
    }

    /** The signed-in user's own lines, or everyone's for users allowed to see all. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<OperationLogEntry> find(OperationLogQuery query, int offset, int limit) {
        return find(query, List.of(), offset, limit);
    }

    /** As {@link #find(OperationLogQuery, int, int)}, in the asked order (only the log's sort properties). */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<OperationLogEntry> find(OperationLogQuery query, List<ListSort> sort, int offset, int limit) {
        return repository.find(query, visibleUserOrNullForAll(), sort, offset, limit);
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public int count(OperationLogQuery query) {
        return repository.count(query, visibleUserOrNullForAll());
    }

    @PreAuthorize("isAuthenticated()")
    public boolean seesEveryone() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getAuthorities().stream()
                .anyMatch(a -> Permission.AUDIT_VIEW_ALL.authority().equals(a.getAuthority()));
    }

    private String visibleUserOrNullForAll() {
        return seesEveryone() ? null : currentUsername();
    }

    private static String currentUsername() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null || !authentication.isAuthenticated() ? SYSTEM_USER : authentication.getName();
    }

    /** The remote address of the request being served, or "-" outside a request (e.g. a scheduled job). */
    public static String currentAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return UNKNOWN_ADDRESS;
    }
}
