package io.gantry.billing;

import io.gantry.identity.CurrentUser;
import io.gantry.identity.SignedInUser;
import io.gantry.shared.NotFound;
import io.gantry.shared.Permission;
import java.time.Instant;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The signed-in user's order records (AI-Stack 八.5's 订单记录): their own orders, whatever the project, with the
 * approval record, the unit prices they were ordered at and the way to their workload's page. Another's order is
 * NotFound here; its project's managers read it on the approvals page.
 */
@Service
@PreAuthorize("hasAnyRole('" + Permission.Names.BILLING_VIEW + "', '" + Permission.Names.BILLING_MANAGE + "')")
public class OrderService {

    /** The route of the order records; an order's page is this, a slash and its id. */
    public static final String PAGE = "account/orders";

    private final OrderRepository repository;
    private final OrderDetails details;

    OrderService(OrderRepository repository, OrderDetails details) {
        this.repository = repository;
        this.details = details;
    }

    /** A page of the user's orders ordered in [from, to) (null: no bound), newest first. */
    @Transactional(readOnly = true)
    public List<OrderRow> mine(Instant from, Instant to, int offset, int limit) {
        return details.rows(repository.page(OrderRepository.ownedBy(me().id(), from, to), offset, limit));
    }

    @Transactional(readOnly = true)
    public int countMine(Instant from, Instant to) {
        return repository.count(OrderRepository.ownedBy(me().id(), from, to));
    }

    /** One of the user's own orders; NotFound for any other. */
    @Transactional(readOnly = true)
    public OrderDetail detail(long orderId) {
        Order order = repository.find(orderId).filter(o -> o.userId() == me().id())
                .orElseThrow(() -> new NotFound("order"));
        return details.detail(order, false);
    }

    private static SignedInUser me() {
        return CurrentUser.get().orElseThrow();
    }
}
