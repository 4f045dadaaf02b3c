package io.gantry.workload;

import io.gantry.runtime.RuntimeEvent;
import io.gantry.runtime.WorkloadRuntime;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Faults a test arms in a real application: the placement listener's look-up fails once, a kind's part of a start
 * fails once, or a start holds until the test lets it go (a start that takes a moment); the runtime's API unreachable,
 * the runtime shared by replicas (its orphan sweep recorded), events it reports, a save-image refusal. Nothing
 * happens unless armed.
 */
class WorkloadFaults implements BeanPostProcessor {

    /** The broker request whose placement the listener fails to look up once; 0 when none. */
    private final AtomicLong lookupFailsFor = new AtomicLong();
    private final AtomicBoolean lookupFailed = new AtomicBoolean();
    private final AtomicBoolean specFails = new AtomicBoolean();
    private final AtomicReference<Gate> gate = new AtomicReference<>();
    /** The runtime's API is unreachable: every call to it fails with {@link WorkloadRuntime.Unavailable}. */
    private final AtomicBoolean runtimeUnavailable = new AtomicBoolean();
    /** The runtime acts as one shared by replicas, whose orphan sweep records what it was told to keep. */
    private final AtomicBoolean runtimeShared = new AtomicBoolean();
    private final AtomicBoolean saveImageRefused = new AtomicBoolean();
    private final Map<String, List<RuntimeEvent>> runtimeEvents = new ConcurrentHashMap<>();
    private final List<Set<String>> orphanSweeps = new CopyOnWriteArrayList<>();

    /** Calls that may reach the runtime's API; what concerns the app itself (name, instance) still answers. */
    private static final Set<String> API_CALLS = Set.of("start", "stop", "remove", "inspect", "reconcile",
            "events", "deleteOrphans", "activity", "metrics", "endpoints", "saveImage", "tail", "log");

    void makeRuntimeUnavailable(boolean unavailable) {
        runtimeUnavailable.set(unavailable);
    }

    void shareRuntime() {
        runtimeShared.set(true);
    }

    void refuseSaveImage() {
        saveImageRefused.set(true);
    }

    void reportRuntimeEvents(String runtimeId, List<RuntimeEvent> events) {
        runtimeEvents.put(runtimeId, List.copyOf(events));
    }

    /** What each orphan sweep was told to keep, in order. */
    List<Set<String>> orphanSweeps() {
        return orphanSweeps;
    }

    /** A start held in the kind's part of it: {@link #entered} once it got there, then it waits for {@link #open}. */
    static final class Gate {
        final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        boolean awaitEntered(Duration timeout) throws InterruptedException {
            return entered.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        void open() {
            released.countDown();
        }
    }

    void failPlacementLookupOnce(long requestId) {
        lookupFailed.set(false);
        lookupFailsFor.set(requestId);
    }

    boolean placementLookupFailed() {
        return lookupFailed.get();
    }

    void failNextSpec() {
        specFails.set(true);
    }

    Gate holdNextStart() {
        Gate held = new Gate();
        gate.set(held);
        return held;
    }

    void reset() {
        runtimeUnavailable.set(false);
        runtimeShared.set(false);
        saveImageRefused.set(false);
        runtimeEvents.clear();
        orphanSweeps.clear();
        lookupFailsFor.set(0);
        specFails.set(false);
        Gate held = gate.getAndSet(null);
        if (held != null) {
            held.open();
        }
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof WorkloadKind kind && kind.name().equals("container")) {
            return Proxy.newProxyInstance(WorkloadKind.class.getClassLoader(), new Class<?>[] {WorkloadKind.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("spec")) {
                            beforeSpec();
                        }
                        try {
                            return method.invoke(kind, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
        if (bean instanceof WorkloadRuntime) {
            MethodInterceptor api = invocation -> {
                String method = invocation.getMethod().getName();
                if (runtimeUnavailable.get() && API_CALLS.contains(method)) {
                    throw new WorkloadRuntime.Unavailable("runtime.reason.unavailable", List.of(method),
                            new java.net.ConnectException("Connection refused"));
                }
                if (method.equals("sharedByReplicas") && runtimeShared.get()) {
                    return true;
                }
                if (method.equals("saveImage") && saveImageRefused.get()) {
                    throw new WorkloadRuntime.Refused("runtime.kubernetes.no-image-builder", List.of());
                }
                if (method.equals("events") && invocation.getArguments()[0] instanceof String id
                        && runtimeEvents.containsKey(id)) {
                    return runtimeEvents.get(id);
                }
                if (method.equals("deleteOrphans") && runtimeShared.get()) {
                    @SuppressWarnings("unchecked")
                    Supplier<Set<String>> expected = (Supplier<Set<String>>) invocation.getArguments()[0];
                    orphanSweeps.add(Set.copyOf(expected.get()));
                    return List.of();
                }
                return invocation.proceed();
            };
            ProxyFactory factory = new ProxyFactory(bean);
            factory.setProxyTargetClass(true);
            factory.addAdvice(api);
            return factory.getProxy();
        }
        if (bean instanceof WorkloadRepository) {
            MethodInterceptor lookup = invocation -> {
                if (invocation.getMethod().getName().equals("byBrokerRequest")
                        && invocation.getArguments()[0] instanceof Long requestId
                        && lookupFailsFor.compareAndSet(requestId, 0)) {
                    lookupFailed.set(true);
                    throw new IllegalStateException("The database went away for a moment");
                }
                return invocation.proceed();
            };
            if (bean instanceof Advised advised) {
                advised.addAdvice(0, lookup);
                return bean;
            }
            ProxyFactory factory = new ProxyFactory(bean);
            factory.setProxyTargetClass(true);
            factory.addAdvice(lookup);
            return factory.getProxy();
        }
        return bean;
    }

    private void beforeSpec() throws InterruptedException {
        if (specFails.compareAndSet(true, false)) {
            throw new IllegalStateException("The secret store went away for a moment");
        }
        Gate held = gate.getAndSet(null);
        if (held != null) {
            held.entered.countDown();
            held.released.await(60, TimeUnit.SECONDS);
        }
    }
}
