package uk.schooldata.approvals.resilience;

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

import uk.schooldata.approvals.TestPorts;

/**
 * A TCP proxy on the loopback interface that can be cut: while cut, every connection through it is closed and new
 * ones are refused, as when the network to a server fails or the server is away; restored, it forwards again. The
 * server behind it keeps its state.
 */
final class TcpProxy implements AutoCloseable {

	private final int targetPort;

	private final int port;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private volatile ServerSocket server;

	TcpProxy(int targetPort) {
		this.targetPort = targetPort;
		this.port = TestPorts.free();
		restore();
	}

	int port() {
		return port;
	}

	/**
	 * Closes every connection through the proxy and refuses new ones.
	 */
	synchronized void cut() {
		closeQuietly(server);
		server = null;
		open.forEach(TcpProxy::closeQuietly);
		open.clear();
	}

	/**
	 * Accepts and forwards connections again.
	 */
	synchronized void restore() {
		if (server != null) {
			return;
		}
		try {
			ServerSocket listening = new ServerSocket();
			listening.setReuseAddress(true);
			listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
			server = listening;
			daemon("tcp-proxy-" + port, () -> accept(listening));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot listen on port " + port + " again", ex);
		}
	}

	private void accept(ServerSocket listening) {
		while (!listening.isClosed()) {
			try {
				Socket client = listening.accept();
				Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
				open.add(client);
				open.add(target);
				pump(client, target);
				pump(target, client);
			}
			catch (IOException ex) {
				// Cut: the listening socket was closed.
			}
		}
	}

	private void pump(Socket from, Socket to) {
		daemon("tcp-proxy-pump", () -> {
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				in.transferTo(out);
			}
			catch (IOException ex) {
				// One side went away; the other is closed below.
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
				open.remove(from);
				open.remove(to);
			}
		});
	}

	private static void daemon(String name, Runnable work) {
		Thread thread = new Thread(work, name);
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(AutoCloseable closeable) {
		if (closeable == null) {
			return;
		}
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// Closing is all that was asked.
		}
	}

	@Override
	public void close() {
		cut();
	}
}
