package dev.eksauth.cli.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The webhook's read timeout, as Go's {@code http.Server.ReadTimeout}: a connection must deliver a
 * whole request, headers and body, within the timeout from when it opened or its previous answer
 * was sent, or it is closed. Enforced by Jetty's scheduler, so a slow or idle client holds no
 * thread, only its socket. Jetty's own idle timeout would restart with every byte a client
 * dribbles; this deadline does not. Thread-safe. Not public API.
 */
final class ReadDeadlines implements Connection.Listener {
    private final Scheduler scheduler;
    private final long timeoutMillis;
    private final Map<Connection, Scheduler.Task> deadlines = new ConcurrentHashMap<>();

    ReadDeadlines(Scheduler scheduler, Duration timeout) {
        this.scheduler = scheduler;
        this.timeoutMillis = timeout.toMillis();
    }

    @Override
    public void onOpened(Connection connection) {
        // Under TLS the HTTP connection sits on the TLS one and is the one that sees requests.
        if (!(connection instanceof SslConnection)) {
            arm(connection);
        }
    }

    @Override
    public void onClosed(Connection connection) {
        disarm(connection);
    }

    /** Starts the clock for the connection's next request. */
    void arm(Connection connection) {
        Scheduler.Task task = scheduler.schedule(() -> expire(connection), timeoutMillis, TimeUnit.MILLISECONDS);
        Scheduler.Task old = deadlines.put(connection, task);
        if (old != null) {
            old.cancel();
        }
        if (!connection.getEndPoint().isOpen()) {
            disarm(connection);
        }
    }

    /** Stops the clock: the connection's request was read. */
    void disarm(Connection connection) {
        Scheduler.Task task = deadlines.remove(connection);
        if (task != null) {
            task.cancel();
        }
    }

    private void expire(Connection connection) {
        if (deadlines.remove(connection) != null) {
            connection.getEndPoint().close();
        }
    }

    /** Connections whose request is awaited now. */
    int waiting() {
        return deadlines.size();
    }
}
