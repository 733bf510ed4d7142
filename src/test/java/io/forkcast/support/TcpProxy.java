package io.forkcast.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on a local port that a test can cut like a network: {@link #cut()} refuses new connections (the port
 * is closed) and holds every byte on the existing ones, so that they hang as behind a partition, without an error;
 * {@link #restore()} opens the port again and lets the held bytes through.
 */
public final class TcpProxy implements AutoCloseable {

    private final InetSocketAddress upstream;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Object gate = new Object();
    private volatile boolean cut;
    private volatile boolean closed;
    private ServerSocket listener;

    public TcpProxy(String upstreamHost, int upstreamPort) {
        this.upstream = new InetSocketAddress(upstreamHost, upstreamPort);
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.port = listener.getLocalPort();
        accept(listener);
    }

    public int port() {
        return port;
    }

    /** New connections are refused; existing ones carry nothing more, in either direction, until restored. */
    public synchronized void cut() throws IOException {
        cut = true;
        listener.close();
    }

    /** Opens the port again, if it was cut, and lets the held bytes through. */
    public synchronized void restore() throws IOException {
        if (!cut) {
            return;
        }
        ServerSocket reopened = new ServerSocket();
        reopened.setReuseAddress(true);
        reopened.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        listener = reopened;
        synchronized (gate) {
            cut = false;
            gate.notifyAll();
        }
        accept(reopened);
    }

    private void accept(ServerSocket server) {
        Thread.ofVirtual().name("tcp-proxy-accept-" + port).start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket target = new Socket();
                    target.connect(upstream, 5_000);
                    sockets.add(client);
                    sockets.add(target);
                    pump(client, target);
                    pump(target, client);
                } catch (IOException e) {
                    // The listener was closed (cut or close), or the upstream refused: the client sees its socket end.
                }
            }
        });
    }

    private void pump(Socket from, Socket to) {
        Thread.ofVirtual().name("tcp-proxy-pump-" + port).start(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    awaitOpen();
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // Either side went away; the other is closed below.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        });
    }

    private void awaitOpen() throws InterruptedException {
        synchronized (gate) {
            while (cut && !closed) {
                gate.wait();
            }
        }
    }

    private void closeQuietly(Socket socket) {
        sockets.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        synchronized (gate) {
            gate.notifyAll();
        }
        listener.close();
        sockets.forEach(this::closeQuietly);
    }
}
