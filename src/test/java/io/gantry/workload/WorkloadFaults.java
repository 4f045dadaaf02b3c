package io.gantry.workload;

import java.lang.reflect.InvocationTargetException;
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
 * fails once, or a start holds until the test lets it go (a start that takes a moment). Nothing happens unless armed.
 */
class WorkloadFaults implements BeanPostProcessor {

    /** The broker request whose placement the listener fails to look up once; 0 when none. */
    private final AtomicLong lookupFailsFor = new AtomicLong();
    private final AtomicBoolean lookupFailed = new AtomicBoolean();
    private final AtomicBoolean specFails = new AtomicBoolean();
    private final AtomicReference<Gate> gate = new AtomicReference<>();

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
