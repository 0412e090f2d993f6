package org.medconnect.desktop.workspace;

import java.time.Clock;
import java.util.function.BiConsumer;
import org.medconnect.desktop.platform.ClinicTime;
import org.medconnect.desktop.platform.NavigationWorkspace;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.live.AppointmentFeed;
import org.medconnect.desktop.queue.NurseQueueView;
import org.medconnect.desktop.queue.NurseQueueViewModel;

/** The nurse's workspace (decision 0036): today's checked-in patients across all doctors, live; Enter opens a chart. */
public final class NurseWorkspace {

    private NurseWorkspace() {}

    /**
     * {@code feed} keeps the list live; {@code openChart} receives the patient's id and full
     * name when the nurse presses Enter on a row (the chart shell opens the chart).
     */
    public static NavigationWorkspace create(ServerConnection connection, ServerCalls calls, Clock clock, AppointmentFeed feed,
                                             BiConsumer<String, String> openChart) {
        return new NavigationWorkspace("NURSE")
                .add("triage", "Checked in today", () -> {
                    NurseQueueViewModel queue = new NurseQueueViewModel(connection, calls, new ClinicTime(clock));
                    feed.listen(queue);
                    queue.reload();
                    return new NurseQueueView(queue, openChart);
                });
    }
}
