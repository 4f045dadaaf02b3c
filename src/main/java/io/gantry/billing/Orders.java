package io.gantry.billing;

import io.gantry.billing.money.HourlyRate;
import io.gantry.billing.money.Money;
import io.gantry.billing.money.UnitPrices;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.ClusterInventory;
import io.gantry.db.tables.records.PurchaseOrderRecord;
import io.gantry.identity.UserDirectory;
import io.gantry.monitoring.Notices;
import io.gantry.project.Projects;
import io.gantry.shared.NotAllowed;
import io.gantry.workload.NewWorkload;
import io.gantry.workload.Workload;
import io.gantry.workload.Workloads;
import java.time.Clock;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * How the kinds' services ask for resources (DESIGN §6, §7): every request is an order, placed in the same
 * transaction as its workload, with the unit prices of that moment. An order whose first hour the project's balance
 * cannot cover is refused; one for more devices than the project's approval threshold waits for a manager with its
 * workload in PENDING_APPROVAL; none is taken from a user who has not activated their workspace (AI-Stack 八.1). No
 * user check: the kind's service checked its form and its user.
 */
@Component
@NamedInterface("api")
public class Orders {

    /** The refusal of an order from a user who has not activated their workspace. */
    public static final String NOT_ACTIVATED = "billing.order.not-activated";
    /** Where a user activates their workspace (AI-Stack 八.1), for views that show {@link #NOT_ACTIVATED}. */
    public static final String ACTIVATION_PAGE = "account/platform";
    /** The refusal of an order whose first hour the balance cannot pay; its arguments: first hour, balance, currency. */
    public static final String BALANCE_SHORT = "billing.order.balance-short";

    private final OrderRepository repository;
    private final WalletRepository wallets;
    private final Workloads workloads;
    private final Projects projects;
    private final ClusterInventory cluster;
    private final Notices notices;
    private final UserDirectory users;
    private final Currency currency;
    private final WorkspaceActivations activations;
    private final Clock clock;

    Orders(OrderRepository repository, WalletRepository wallets, Workloads workloads, Projects projects,
           ClusterInventory cluster, WorkspaceActivations activations, Notices notices, UserDirectory users,
           Currency billingCurrency, Clock clock) {
        this.repository = repository;
        this.activations = activations;
        this.wallets = wallets;
        this.workloads = workloads;
        this.projects = projects;
        this.cluster = cluster;
        this.notices = notices;
        this.users = users;
        this.currency = billingCurrency;
        this.clock = clock;
    }

    /**
     * Orders the workload: refused ({@link NotAllowed} {@link #NOT_ACTIVATED}) when the workload's owner has not
     * activated their workspace; refused ({@link NotAllowed}, {@code billing.order.balance-short} with the first hour's
     * cost, the balance and the currency) when the project's wallet cannot pay its first hour; otherwise creates the
     * workload, waiting for approval when it asks for more devices than the project's threshold, and its order.
     */
    @Transactional
    public Workload place(NewWorkload form, ServiceType serviceType) {
        // The owner's, not whoever places the order: the work runs with the owner's workspace, so work ordered on
        // someone's behalf (a schedule firing later) needs that person's activation. Activation is never taken back,
        // so what an activated user set up keeps being accepted.
        if (!activations.activated(form.userId())) {
            throw new NotAllowed(NOT_ACTIVATED);
        }
        AcceleratorSpec spec = cluster.spec(form.specId());
        UnitPrices prices = prices(spec);
        // A gang pays for the CPU and memory of each of its nodes; devices are its total already.
        int cpuCores = form.cpuCores() * form.nodes();
        long memoryMib = form.memoryMib() * form.nodes();
        Money firstHour = HourlyRate.of(prices, form.devices(), cpuCores, memoryMib, currency).hour();
        // Held until the transaction ends, so that two orders at once do not both count on the same balance.
        Money balance = Money.rounded(wallets.lock(form.projectId()), currency);
        if (balance.compareTo(firstHour) < 0) {
            throw new NotAllowed(BALANCE_SHORT, firstHour.amount().toPlainString(),
                    balance.amount().toPlainString(), currency.getCurrencyCode());
        }
        Integer threshold = projects.limits(form.projectId()).approvalThreshold();
        boolean needsApproval = threshold != null && form.devices() > threshold;
        Workload workload = workloads.create(form, needsApproval);
        PurchaseOrderRecord draft = new PurchaseOrderRecord();
        draft.setWorkloadId(workload.id());
        draft.setProjectId(form.projectId());
        draft.setUserId(form.userId());
        draft.setServiceType(serviceType.name());
        draft.setName(form.name());
        draft.setSpecId(spec.id());
        draft.setSpecName(spec.name());
        draft.setDevices(form.devices());
        draft.setCpuCores(cpuCores);
        draft.setMemoryMib(memoryMib);
        draft.setStartAt(form.startAt());
        draft.setEndAt(form.endAt());
        draft.setRunHours(form.runHours());
        draft.setCurrency(currency.getCurrencyCode());
        draft.setPriceDeviceHour(prices.perDeviceHour());
        draft.setPriceCoreHour(prices.perCoreHour());
        draft.setPriceGibHour(prices.perGibHour());
        draft.setOrderedAt(clock.instant());
        draft.setApproval((needsApproval ? Approval.PENDING : Approval.NOT_REQUIRED).name());
        long orderId = repository.insert(draft);
        if (needsApproval) {
            tellManagers(orderId, form, spec);
        }
        return workload;
    }

    /**
     * Orders several workloads of one project at once (a manager's batch), each as {@link #place} does, but all or
     * none: refused when any owner has not activated their workspace ({@link #NOT_ACTIVATED}) or when the wallet
     * cannot pay the first hour of all of them together ({@link #BALANCE_SHORT} with their sum), before any is placed.
     */
    @Transactional
    public List<Workload> placeAll(List<NewWorkload> forms, ServiceType serviceType) {
        if (forms.isEmpty()) {
            return List.of();
        }
        long projectId = forms.getFirst().projectId();
        if (forms.stream().anyMatch(f -> f.projectId() != projectId)) {
            throw new IllegalArgumentException("A batch orders in one project");
        }
        if (forms.stream().anyMatch(f -> !activations.activated(f.userId()))) {
            throw new NotAllowed(NOT_ACTIVATED);
        }
        Money firstHours = Money.zero(currency);
        for (NewWorkload form : forms) {
            firstHours = firstHours.plus(HourlyRate.of(prices(cluster.spec(form.specId())), form.devices(),
                    form.cpuCores() * form.nodes(), form.memoryMib() * form.nodes(), currency).hour());
        }
        // Held until the transaction ends, as for one order: the batch counts on the balance alone.
        Money balance = Money.rounded(wallets.lock(projectId), currency);
        if (balance.compareTo(firstHours) < 0) {
            throw new NotAllowed(BALANCE_SHORT, firstHours.amount().toPlainString(),
                    balance.amount().toPlainString(), currency.getCurrencyCode());
        }
        return forms.stream().map(form -> place(form, serviceType)).toList();
    }

    /**
     * What an order would cost per hour at today's prices of the spec, as {@link #place} would charge it: for a form
     * that shows the cost before anything is ordered. {@code cpuCores} and {@code memoryMib} are the workload's total.
     */
    public HourlyRate estimate(long specId, int devices, int cpuCores, long memoryMib) {
        return HourlyRate.of(prices(cluster.spec(specId)), devices, cpuCores, memoryMib, currency);
    }

    private static UnitPrices prices(AcceleratorSpec spec) {
        return new UnitPrices(spec.prices().perDeviceHour(), spec.prices().perCoreHour(), spec.prices().perGibHour());
    }

    /** Whether the user has activated their workspace, without which no order of theirs is taken. */
    public boolean activated(long userId) {
        return activations.activated(userId);
    }

    /**
     * Tells each of the project's managers that an order waits for them, with the way to decide it; saved with the
     * order. A manager who ordered it is not told of their own order.
     */
    private void tellManagers(long orderId, NewWorkload form, AcceleratorSpec spec) {
        String requester = users.byId(List.of(form.userId())).get(form.userId()).label();
        String project = projects.project(form.projectId()).name();
        for (long manager : projects.managers(form.projectId())) {
            if (manager != form.userId()) {
                notices.notify(manager, "notice.order.waiting", List.of(requester, form.name(), form.devices(),
                        spec.name(), project), ApprovalService.PAGE + "/" + orderId);
            }
        }
    }

    /** The order of a workload; empty for one created before orders existed. */
    @Transactional(readOnly = true)
    public Optional<Order> ofWorkload(long workloadId) {
        return repository.byWorkload(workloadId);
    }
}
