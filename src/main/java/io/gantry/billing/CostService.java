package io.gantry.billing;

import io.gantry.billing.money.Money;
import io.gantry.cluster.ClusterInventory;
import io.gantry.identity.CurrentUser;
import io.gantry.identity.SignedInUser;
import io.gantry.identity.UserDirectory;
import io.gantry.identity.UserRef;
import io.gantry.project.ProjectCalendar;
import io.gantry.project.Projects;
import io.gantry.shared.InvalidInput;
import io.gantry.shared.NotAllowed;
import io.gantry.shared.Permission;
import jakarta.annotation.security.RolesAllowed;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cost analysis (AI-Stack 八.6): what was spent, summed from the ledger's charges by ISO week, month or year in
 * Gantry's time zone, split by service type, spec or member, and by project for platform admins. A member sees the
 * spending of their own work, a project manager also everything of the projects they manage, and whoever holds
 * BILLING_MANAGE all of it.
 */
@Service
@RolesAllowed(Permission.Names.BILLING_VIEW)
public class CostService {

    private final CostRepository repository;
    private final Projects projects;
    private final ProjectCalendar calendar;
    private final UserDirectory users;
    private final ClusterInventory inventory;
    private final Currency currency;

    CostService(CostRepository repository, Projects projects, ProjectCalendar calendar, UserDirectory users,
                ClusterInventory inventory, Currency billingCurrency) {
        this.repository = repository;
        this.projects = projects;
        this.calendar = calendar;
        this.users = users;
        this.inventory = inventory;
        this.currency = billingCurrency;
    }

    /** Today in Gantry's zone, where the range pickers start. */
    public LocalDate today() {
        return calendar.today();
    }

    public Currency currency() {
        return currency;
    }

    /** The dimensions the signed-in user may split spending by. */
    public List<CostDimension> dimensions() {
        return seesEverything(me()) ? List.of(CostDimension.values())
                : List.of(CostDimension.SERVICE_TYPE, CostDimension.SPEC, CostDimension.MEMBER);
    }

    /** The signed-in user's analysis: every period of the range with its spending per group. */
    @Transactional(readOnly = true)
    public CostReport analyse(CostQuery query) {
        SignedInUser me = me();
        validate(query);
        if (!dimensions().contains(query.dimension())) {
            throw new NotAllowed("cost.dimension.not-allowed");
        }
        ZoneId zone = calendar.zone();
        Instant from = query.from().atStartOfDay(zone).toInstant();
        Instant until = query.to().plusDays(1).atStartOfDay(zone).toInstant();
        Condition scope = seesEverything(me) ? DSL.noCondition()
                : CostRepository.projectsOrUser(projects.managedBy(me.id()), me.id());
        List<CostRepository.Sum> sums = repository.spending(from, until, query.period(), query.dimension(), zone,
                scope);

        Map<String, BigDecimal> totals = new HashMap<>();
        sums.forEach(s -> totals.merge(s.group(), s.amount(), BigDecimal::add));
        Map<String, String> names = names(query.dimension(), totals.keySet());
        List<CostReport.Group> groups = totals.entrySet().stream()
                .map(e -> new CostReport.Group(e.getKey(), names.getOrDefault(e.getKey(), ""), money(e.getValue())))
                .sorted(Comparator.comparing(CostReport.Group::total).reversed()
                        .thenComparing(CostReport.Group::name).thenComparing(CostReport.Group::key))
                .toList();
        Map<String, Integer> rank = new HashMap<>();
        groups.forEach(g -> rank.put(g.key(), rank.size()));
        List<CostReport.Cell> cells = sums.stream()
                .sorted(Comparator.comparing(CostRepository.Sum::period).thenComparing(s -> rank.get(s.group())))
                .map(s -> new CostReport.Cell(s.period(), s.group(), money(s.amount())))
                .toList();
        Money total = groups.stream().map(CostReport.Group::total).reduce(Money.zero(currency), Money::plus);
        return new CostReport(query, query.period().starts(query.from(), query.to()), groups, cells, total);
    }

    private static void validate(CostQuery query) {
        InvalidInput.Collector problems = InvalidInput.collect();
        if (query.from() == null) {
            problems.add("from", "cost.from.required");
        }
        if (query.to() == null) {
            problems.add("to", "cost.to.required");
        }
        if (query.period() == null) {
            problems.add("period", "cost.period.required");
        }
        if (query.dimension() == null) {
            problems.add("dimension", "cost.dimension.required");
        }
        if (query.from() != null && query.to() != null) {
            if (query.to().isBefore(query.from())) {
                problems.add("to", "cost.to.before-from");
            } else if (query.to().isAfter(query.from().plusYears(CostQuery.MAX_YEARS))) {
                problems.add("to", "cost.range.too-long", CostQuery.MAX_YEARS);
            }
        }
        problems.throwIfAny();
    }

    /** How people know each group: names of specs, users and projects; a service type keeps its own name. */
    private Map<String, String> names(CostDimension dimension, Set<String> keys) {
        Set<Long> ids = dimension == CostDimension.SERVICE_TYPE ? Set.of() : keys.stream()
                .filter(k -> !k.isEmpty()).map(Long::valueOf).collect(Collectors.toSet());
        Map<Long, String> byId = switch (dimension) {
            case SERVICE_TYPE -> Map.of();
            case SPEC -> {
                Map<Long, String> known = new LinkedHashMap<>(repository.orderedSpecNames(ids));
                inventory.specsById().values().stream().filter(s -> ids.contains(s.id()))
                        .forEach(s -> known.put(s.id(), s.name()));
                yield known;
            }
            case MEMBER -> users.byId(ids).values().stream()
                    .collect(Collectors.toMap(UserRef::id, UserRef::label));
            case PROJECT -> projects.names(ids);
        };
        if (dimension == CostDimension.SERVICE_TYPE) {
            return keys.stream().collect(Collectors.toMap(Function.identity(), Function.identity()));
        }
        return byId.entrySet().stream().collect(Collectors.toMap(e -> e.getKey().toString(), Map.Entry::getValue));
    }

    private Money money(BigDecimal amount) {
        return Money.rounded(amount, currency);
    }

    private static boolean seesEverything(SignedInUser user) {
        return user.has(Permission.BILLING_MANAGE);
    }

    private static SignedInUser me() {
        return CurrentUser.get().orElseThrow(() -> new IllegalStateException("No signed-in user"));
    }
}
