package dev.webhookkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.core.Registration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class FanoutTest {
    private final Fanout<Consumer<String>> fanout = new Fanout<>(LoggerFactory.getLogger(FanoutTest.class));
    private final List<String> heard = new CopyOnWriteArrayList<>();

    @Test
    void everyListenerHearsEvenAfterOneThrowsAnExceptionOrAnError() {
        fanout.add(s -> {
            throw new IllegalStateException("listener bug");
        });
        fanout.add(s -> {
            throw new AssertionError("a listener's assertion");
        });
        fanout.add(heard::add);

        fanout.tell(l -> l.accept("one"), "test");

        assertThat(heard).containsExactly("one");
    }

    @Test
    void aVirtualMachineErrorIsNotSwallowed() {
        fanout.add(s -> {
            throw new OutOfMemoryError("simulated");
        });
        assertThatThrownBy(() -> fanout.tell(l -> l.accept("x"), "test")).isInstanceOf(OutOfMemoryError.class);
    }

    @Test
    void aClosedRegistrationHearsNoMore() {
        Registration registration = fanout.add(heard::add);
        fanout.tell(l -> l.accept("before"), "test");
        registration.close();
        fanout.tell(l -> l.accept("after"), "test");
        assertThat(heard).containsExactly("before");
        assertThat(fanout.isEmpty()).isTrue();
    }
}
