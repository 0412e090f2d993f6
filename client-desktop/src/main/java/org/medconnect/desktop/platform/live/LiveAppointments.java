package org.medconnect.desktop.platform.live;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javafx.collections.ObservableList;
import org.medconnect.proto.appointment.v1.Appointment;
import org.medconnect.proto.appointment.v1.AppointmentEvent;

/**
 * A screen's list of appointments kept current by the {@link AppointmentFeed}: an event replaces the
 * appointment with the same id when it carries a newer {@code version}, adds it when it now matches the
 * screen's filter, and removes it when it no longer does (moved to another day, doctor or place).
 * Copies older than the newest seen are ignored, since list results and events cross on the wire.
 * While a load is under way, events are held and applied over its result, so none falls between.
 * Edits the screen's own list in place (sorted by {@code order}), so selection and scroll stay put.
 * Not thread-safe: the UI thread only.
 */
public final class LiveAppointments {

    private final Comparator<Appointment> order;
    private final Map<String, Long> versions = new HashMap<>();
    private final List<Appointment> held = new ArrayList<>();
    private boolean loading;

    public LiveAppointments(Comparator<Appointment> order) {
        this.order = order;
    }

    /** A load has been sent: hold events until {@link #loaded} or {@link #loadFailed}. */
    public void loadStarted() {
        loading = true;
        held.clear();
    }

    /** Puts a load's result in {@code target} (sorted), then applies the events that came in meanwhile. */
    public void loaded(List<Appointment> fresh, Predicate<Appointment> filter, List<Appointment> target) {
        loading = false;
        List<Appointment> sorted = new ArrayList<>(fresh.size());
        for (Appointment a : fresh) {
            versions.merge(a.getAppointmentId(), a.getVersion(), Math::max);
            sorted.add(a);
        }
        sorted.sort(order);
        replaceAll(target, sorted);
        List<Appointment> meanwhile = List.copyOf(held);
        held.clear();
        for (Appointment a : meanwhile) {
            upsert(a, filter, target);
        }
    }

    /** The load failed: the old list stays, with the held events applied to it; true when it changed. */
    public boolean loadFailed(Predicate<Appointment> filter, List<Appointment> target) {
        loading = false;
        List<Appointment> meanwhile = List.copyOf(held);
        held.clear();
        boolean changed = false;
        for (Appointment a : meanwhile) {
            changed |= upsert(a, filter, target);
        }
        return changed;
    }

    /** Applies one event; true when {@code target} changed. */
    public boolean apply(AppointmentEvent event, Predicate<Appointment> filter, List<Appointment> target) {
        if (loading) {
            held.add(event.getAppointment());
            return false;
        }
        return upsert(event.getAppointment(), filter, target);
    }

    /**
     * Puts this copy of an appointment (from an event or a call's answer) in place, adds it or removes
     * it; true when {@code target} changed. A copy not newer than the one held is ignored.
     */
    public boolean upsert(Appointment copy, Predicate<Appointment> filter, List<Appointment> target) {
        String id = copy.getAppointmentId();
        long newest = versions.getOrDefault(id, 0L);
        // Version 0 means the sender did not say; then the copy is taken as it is.
        if (copy.getVersion() > 0 && copy.getVersion() <= newest) {
            return false;
        }
        versions.put(id, Math.max(newest, copy.getVersion()));
        int index = indexOf(target, id);
        if (!filter.test(copy)) {
            if (index >= 0) {
                target.remove(index);
                return true;
            }
            return false;
        }
        if (index >= 0) {
            boolean stillInPlace = (index == 0 || order.compare(target.get(index - 1), copy) <= 0)
                    && (index == target.size() - 1 || order.compare(copy, target.get(index + 1)) <= 0);
            if (stillInPlace) {
                target.set(index, copy);
                return true;
            }
            target.remove(index);
        }
        target.add(insertionPoint(target, copy), copy);
        return true;
    }

    /** The newest version seen of an appointment, 0 when none. */
    public long versionOf(String appointmentId) {
        return versions.getOrDefault(appointmentId, 0L);
    }

    private int insertionPoint(List<Appointment> target, Appointment copy) {
        int at = 0;
        while (at < target.size() && order.compare(target.get(at), copy) <= 0) {
            at++;
        }
        return at;
    }

    private static int indexOf(List<Appointment> target, String id) {
        for (int i = 0; i < target.size(); i++) {
            if (target.get(i).getAppointmentId().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private static void replaceAll(List<Appointment> target, List<Appointment> items) {
        if (target instanceof ObservableList<Appointment> observable) {
            observable.setAll(items);
        } else {
            target.clear();
            target.addAll(items);
        }
    }
}
