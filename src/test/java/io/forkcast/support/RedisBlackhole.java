package io.forkcast.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * An address where a Redis seems to be but never answers, as behind a network partition: a listening socket
 * that accepts nothing and whose backlog is full, so that the kernel drops new connection attempts and they
 * hang until the client gives up (unlike a stopped server, which refuses them at once).
 */
public final class RedisBlackhole implements AutoCloseable {

    private final ServerSocket listener;
    private final List<Socket> backlog = new ArrayList<>();

    public RedisBlackhole() {
        try {
            listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            // A backlog of 1 queues two connections; a third one would hang, which is what we want from now on.
            for (int i = 0; i < 2; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()), 2000);
                backlog.add(socket);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "redis://127.0.0.1:" + listener.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        for (Socket socket : backlog) {
            socket.close();
        }
        listener.close();
    }
}
