package io.gantry.network;

import io.gantry.audit.OperationLog;
import io.gantry.audit.Phrase;
import io.gantry.identity.CurrentUser;
import io.gantry.shared.FieldProblem;
import io.gantry.shared.InvalidInput;
import io.gantry.shared.ListSort;
import io.gantry.shared.NotFound;
import io.gantry.shared.Permission;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user's IP whitelists (AI-Stack 七.2): which sources may connect to their containers. Each user sees and changes
 * only their own; the runtime reads any whitelist through the internal API {@link Whitelists}.
 */
@Service
@RolesAllowed(Permission.Names.NETWORK_USE)
public class WhitelistService {

    private final WhitelistRepository repository;
    private final OperationLog operationLog;
    private final Clock clock;

    WhitelistService(WhitelistRepository repository, OperationLog operationLog, Clock clock) {
        this.repository = repository;
        this.operationLog = operationLog;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<WhitelistDetails> mine() {
        return repository.ofUser(me());
    }

    /** A page of the signed-in user's whitelists in the asked order (only the list's sort properties). */
    @Transactional(readOnly = true)
    public List<WhitelistDetails> mine(List<ListSort> sort, int offset, int limit) {
        return repository.ofUser(me(), sort, offset, limit);
    }

    @Transactional(readOnly = true)
    public int countMine() {
        return repository.countOfUser(me());
    }

    @Transactional(readOnly = true)
    public WhitelistDetails whitelist(long id) {
        long me = me();
        return repository.byId(id).filter(owned -> owned.userId() == me).map(WhitelistRepository.Owned::whitelist)
                .orElseThrow(() -> new NotFound("whitelist"));
    }

    @Transactional
    public long create(WhitelistForm form) {
        long me = me();
        WhitelistFormParser.Parsed parsed = validate(me, form, null);
        long id = repository.insert(me, parsed.whitelist(), parsed.description(), clock.instant());
        operationLog.record("whitelist.create", "whitelist:" + parsed.whitelist().name(), "oplog.details.rules",
                describe(parsed.whitelist()));
        return id;
    }

    /** Replaces name, description and rules; running containers that use the whitelist apply the new rules at once. */
    @Transactional
    public void update(long id, WhitelistForm form) {
        WhitelistDetails before = whitelist(id);
        WhitelistFormParser.Parsed parsed = validate(me(), form, id);
        repository.update(id, parsed.whitelist(), parsed.description());
        operationLog.record("whitelist.update", "whitelist:" + before.name(), "oplog.details.rules",
                describe(parsed.whitelist()));
    }

    @Transactional
    public void delete(long id) {
        WhitelistDetails whitelist = whitelist(id);
        repository.delete(id);
        operationLog.record("whitelist.delete", "whitelist:" + whitelist.name(), null);
    }

    private WhitelistFormParser.Parsed validate(long me, WhitelistForm form, Long exceptId) {
        List<FieldProblem> problems = new ArrayList<>();
        WhitelistFormParser.Parsed parsed = null;
        switch (WhitelistFormParser.parse(form)) {
            case WhitelistFormParser.Parsed valid -> parsed = valid;
            case WhitelistFormParser.Refused refused -> refused.problems().forEach(p -> problems.add(
                    new FieldProblem(p.field(), p.messageKey(), p.arguments().toArray())));
        }
        String name = form.name() == null ? "" : form.name().strip();
        boolean nameBroken = problems.stream().anyMatch(p -> WhitelistFormParser.NAME.equals(p.field()));
        if (!nameBroken && repository.nameTaken(me, name, exceptId)) {
            problems.add(new FieldProblem(WhitelistFormParser.NAME, "error.name-taken", name));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        return parsed;
    }

    private static List<Phrase> describe(Whitelist whitelist) {
        return whitelist.rules().stream().map(WhitelistService::describe).toList();
    }

    /** A rule in the operation log: network, protocol and ports, read in the reader's language. */
    static Phrase describe(WhitelistRule rule) {
        Object ports = rule.isAnyPort() ? Phrase.of("network.rules.any-port")
                : rule.portFrom() == rule.portTo() ? Integer.toString(rule.portFrom())
                : rule.portFrom() + "-" + rule.portTo();
        return Phrase.of("oplog.details.rule", rule.cidr().toString(),
                Phrase.of("network.protocol." + rule.protocol().name()), ports);
    }

    private static long me() {
        return CurrentUser.get().orElseThrow(() -> new IllegalStateException("No signed-in user")).id();
    }
}
