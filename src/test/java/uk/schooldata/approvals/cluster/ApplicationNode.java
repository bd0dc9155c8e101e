package uk.schooldata.approvals.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import uk.schooldata.approvals.Application;
import uk.schooldata.approvals.TestPorts;

/**
 * One node of the application in a JVM of its own, as production runs it: the {@code prod} profile on a shared
 * PostgreSQL, its own web server and job executor. Killed with SIGKILL ({@link #kill()}) as a crashed machine dies,
 * or stopped with SIGTERM ({@link #stop()}) as an orchestrator stops it; started again on the same port. Its output
 * goes to {@code target/cluster-logs/<name>.log}, one JSON object per line.
 */
final class ApplicationNode implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String name;

	private final int port;

	private final Map<String, String> properties;

	private final Path log;

	private Process process;

	private ApplicationNode(String name, Map<String, String> properties) {
		this.name = name;
		this.port = TestPorts.free();
		this.properties = properties;
		this.log = Path.of("target", "cluster-logs", name + ".log").toAbsolutePath();
	}

	/**
	 * Starts a node and waits until it is ready.
	 *
	 * @param properties the node's settings, as command-line arguments ({@code --key=value})
	 */
	static ApplicationNode start(String name, Map<String, String> properties) {
		ApplicationNode node = new ApplicationNode(name, properties);
		node.start();
		return node;
	}

	void start() {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
				Application.class.getName()));
		Map<String, String> arguments = new LinkedHashMap<>(properties);
		arguments.put("server.port", String.valueOf(port));
		arguments.put("camunda.bpm.generic-properties.properties.hostname", name);
		arguments.forEach((key, value) -> command.add("--" + key + "=" + value));
		try {
			Files.createDirectories(log.getParent());
			// A working directory of its own, as a server has; the project's folder would put its classes on the
			// class path twice.
			Path workingDirectory = Files.createDirectories(log.getParent().resolve(name));
			process = new ProcessBuilder(command).directory(workingDirectory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start node " + name, ex);
		}
		awaitReady(Duration.ofMinutes(3));
	}

	/**
	 * SIGKILL: the JVM dies at once, in the middle of whatever it was doing, as when its machine fails.
	 */
	void kill() {
		process.destroyForcibly();
		awaitExit();
	}

	/**
	 * SIGTERM: the JVM shuts down as an orchestrator asks it to.
	 *
	 * @return how long it took to stop
	 */
	Duration stop() {
		Instant from = Instant.now();
		process.destroy();
		awaitExit();
		return Duration.between(from, Instant.now());
	}

	boolean isRunning() {
		return process != null && process.isAlive();
	}

	String name() {
		return name;
	}

	String baseUrl() {
		return "http://localhost:" + port;
	}

	String output() {
		try {
			return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The node's readiness as an orchestrator reads it: {@code 200} ready, {@code 503} not ready, {@code -1} no
	 * answer.
	 */
	int readiness() {
		try {
			return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	private void awaitReady(Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (!process.isAlive()) {
				throw new IllegalStateException("Node " + name + " exited while starting:\n" + tail());
			}
			if (readiness() == 200) {
				return;
			}
			sleep(250);
		}
		throw new IllegalStateException("Node " + name + " was not ready after " + timeout + ":\n" + tail());
	}

	private void awaitExit() {
		try {
			if (!process.waitFor(2, TimeUnit.MINUTES)) {
				throw new IllegalStateException("Node " + name + " did not exit");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while node " + name + " exits", ex);
		}
	}

	private String tail() {
		String output = output();
		return output.substring(Math.max(0, output.length() - 6000));
	}

	@Override
	public void close() {
		if (isRunning()) {
			process.destroyForcibly();
			awaitExit();
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}
}
