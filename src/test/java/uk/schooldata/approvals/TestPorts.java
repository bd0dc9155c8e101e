package uk.schooldata.approvals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * Ports on this machine for the tests' own servers, and for calls that must find nobody listening.
 */
public final class TestPorts {

	private TestPorts() {
	}

	/**
	 * A port nothing listens on now: the operating system's choice for a socket that is closed again at once.
	 */
	public static int free() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot find a free port", ex);
		}
	}
}
