package io.gantry.network;

import static io.gantry.db.Tables.IP_WHITELIST;
import static io.gantry.db.Tables.IP_WHITELIST_RULE;

import io.gantry.db.tables.records.IpWhitelistRecord;
import io.gantry.shared.ListSort;
import io.gantry.shared.SortableColumns;
import io.gantry.shared.schema.SqlSort;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.springframework.stereotype.Repository;

@Repository
class WhitelistRepository {

    /** What the whitelist list may be sorted by. */
    static final SortableColumns<Field<?>> SORTABLE = SortableColumns.<Field<?>>builder()
            .add("name", IP_WHITELIST.NAME)
            .add("description", IP_WHITELIST.DESCRIPTION)
            .add("created", IP_WHITELIST.CREATED_AT)
            .build();

    private final DSLContext db;

    WhitelistRepository(DSLContext db) {
        this.db = db;
    }

    /** A whitelist and whose it is. */
    record Owned(long userId, WhitelistDetails whitelist) {
    }

    List<WhitelistDetails> ofUser(long userId) {
        return ofUser(userId, List.of(), 0, Integer.MAX_VALUE);
    }

    /** A page of a user's whitelists in the asked order, then by name. */
    List<WhitelistDetails> ofUser(long userId, List<ListSort> sort, int offset, int limit) {
        List<IpWhitelistRecord> lists = db.selectFrom(IP_WHITELIST).where(IP_WHITELIST.USER_ID.eq(userId))
                .orderBy(SqlSort.orderBy(SORTABLE, sort, IP_WHITELIST.NAME.asc(), IP_WHITELIST.ID.asc()))
                .offset(offset).limit(limit).fetch();
        Map<Long, List<WhitelistRule>> rules = db.selectFrom(IP_WHITELIST_RULE)
                .where(IP_WHITELIST_RULE.WHITELIST_ID.in(lists.stream().map(IpWhitelistRecord::getId).toList()))
                .orderBy(IP_WHITELIST_RULE.WHITELIST_ID, IP_WHITELIST_RULE.POSITION)
                .stream().collect(Collectors.groupingBy(r -> r.getWhitelistId(),
                        Collectors.mapping(r -> toRule(r.getCidr(), r.getProtocol(), r.getPortFrom(), r.getPortTo()),
                                Collectors.toList())));
        return lists.stream().map(w -> toDetails(w, rules.getOrDefault(w.getId(), List.of()))).toList();
    }

    int countOfUser(long userId) {
        return db.fetchCount(IP_WHITELIST, IP_WHITELIST.USER_ID.eq(userId));
    }

    Optional<Owned> byId(long id) {
        return db.selectFrom(IP_WHITELIST).where(IP_WHITELIST.ID.eq(id)).fetchOptional()
                .map(w -> new Owned(w.getUserId(), toDetails(w, rules(id))));
    }

    boolean nameTaken(long userId, String name, Long exceptId) {
        var condition = IP_WHITELIST.USER_ID.eq(userId).and(IP_WHITELIST.NAME.equalIgnoreCase(name));
        return db.fetchExists(IP_WHITELIST, exceptId == null ? condition : condition.and(IP_WHITELIST.ID.ne(exceptId)));
    }

    long insert(long userId, Whitelist whitelist, String description, Instant now) {
        long id = db.insertInto(IP_WHITELIST).set(IP_WHITELIST.USER_ID, userId).set(IP_WHITELIST.NAME, whitelist.name())
                .set(IP_WHITELIST.DESCRIPTION, description).set(IP_WHITELIST.CREATED_AT, now)
                .returningResult(IP_WHITELIST.ID).fetchOne(IP_WHITELIST.ID);
        insertRules(id, whitelist.rules());
        return id;
    }

    /** Replaces name, description and every rule. */
    void update(long id, Whitelist whitelist, String description) {
        db.update(IP_WHITELIST).set(IP_WHITELIST.NAME, whitelist.name()).set(IP_WHITELIST.DESCRIPTION, description)
                .where(IP_WHITELIST.ID.eq(id)).execute();
        db.deleteFrom(IP_WHITELIST_RULE).where(IP_WHITELIST_RULE.WHITELIST_ID.eq(id)).execute();
        insertRules(id, whitelist.rules());
    }

    void delete(long id) {
        db.deleteFrom(IP_WHITELIST).where(IP_WHITELIST.ID.eq(id)).execute();
    }

    private void insertRules(long whitelistId, List<WhitelistRule> rules) {
        var insert = db.insertInto(IP_WHITELIST_RULE, IP_WHITELIST_RULE.WHITELIST_ID, IP_WHITELIST_RULE.POSITION,
                IP_WHITELIST_RULE.CIDR, IP_WHITELIST_RULE.PROTOCOL, IP_WHITELIST_RULE.PORT_FROM, IP_WHITELIST_RULE.PORT_TO);
        for (int position = 0; position < rules.size(); position++) {
            WhitelistRule rule = rules.get(position);
            insert = insert.values(whitelistId, position, rule.cidr().toString(), rule.protocol().name(),
                    rule.portFrom(), rule.portTo());
        }
        insert.execute();
    }

    private List<WhitelistRule> rules(long whitelistId) {
        return db.selectFrom(IP_WHITELIST_RULE).where(IP_WHITELIST_RULE.WHITELIST_ID.eq(whitelistId))
                .orderBy(IP_WHITELIST_RULE.POSITION)
                .fetch(r -> toRule(r.getCidr(), r.getProtocol(), r.getPortFrom(), r.getPortTo()));
    }

    private static WhitelistRule toRule(String cidr, String protocol, int portFrom, int portTo) {
        return new WhitelistRule(Cidr.parse(cidr), Protocol.valueOf(protocol), portFrom, portTo);
    }

    private static WhitelistDetails toDetails(IpWhitelistRecord w, List<WhitelistRule> rules) {
        return new WhitelistDetails(w.getId(), w.getName(), w.getDescription(), rules, w.getCreatedAt());
    }
}
