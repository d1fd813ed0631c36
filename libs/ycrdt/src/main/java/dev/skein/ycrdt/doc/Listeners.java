package dev.skein.ycrdt.doc;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A list of listeners called in registration order. Every listener runs even when one throws;
 * the first exception is rethrown afterwards (as lib0's {@code callAll}).
 *
 * @param <L> listener type
 */
public final class Listeners<L> {

    private List<L> list = List.of();

    /** Adds a listener; closing the subscription removes it. */
    public Subscription add(L listener) {
        List<L> next = new ArrayList<>(list);
        next.add(listener);
        list = next;
        return () -> remove(listener);
    }

    /** Removes a listener (by identity); false when it was not registered. */
    public boolean remove(L listener) {
        List<L> next = new ArrayList<>(list);
        boolean removed = next.removeIf(l -> l == listener);
        list = next;
        return removed;
    }

    /** Whether any listener is registered. */
    public boolean isEmpty() {
        return list.isEmpty();
    }

    /** Calls every listener registered now. */
    public void emit(Consumer<L> call) {
        List<L> l = list;
        if (l.size() == 1) {
            call.accept(l.get(0));
        } else if (!l.isEmpty()) {
            callAll(l, call);
        }
    }

    /** Calls {@code call} on each element; all run, the first exception is rethrown at the end. */
    public static <T> void callAll(List<T> items, Consumer<T> call) {
        RuntimeException first = null;
        Error firstError = null;
        for (int i = 0, n = items.size(); i < n; i++) {
            T t = items.get(i);
            try {
                call.accept(t);
            } catch (RuntimeException e) {
                if (first == null && firstError == null) {
                    first = e;
                }
            } catch (Error e) {
                if (first == null && firstError == null) {
                    firstError = e;
                }
            }
        }
        if (firstError != null) {
            throw firstError;
        }
        if (first != null) {
            throw first;
        }
    }
}
