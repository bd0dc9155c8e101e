package uk.schooldata.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application as {@code ./mvnw spring-boot:run} runs it, in a JVM of its own on its default settings (the H2 file
 * under {@code ./data}, here a fresh folder), stopped as Ctrl-C stops it: it shuts down in order (web server, job
 * executor, engine, then the database) and prints no stack trace.
 */
class ShutdownTests {

	@Test
	void stopsQuietlyInTheRightOrder(@TempDir Path workingDirectory) throws Exception {
		Path log = workingDirectory.resolve("application.log");
		Process application = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), Application.class.getName(), "--server.port=0"))
			.directory(workingDirectory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			awaitInLog(log, "Started Application", 120);
			awaitInLog(log, "School 100002 is active", 60);
		}
		finally {
			// SIGTERM: the JVM runs its shutdown hooks, as it does for Ctrl-C.
			application.destroy();
		}
		assertThat(application.waitFor(60, TimeUnit.SECONDS)).as("stopped within a minute").isTrue();

		String output = Files.readString(log, StandardCharsets.UTF_8);
		String shutdown = output.substring(output.indexOf("Commencing graceful shutdown"));
		assertThat(shutdown).doesNotContain("Exception", "ENGINE-18001", "ERROR");
		assertThat(shutdown.indexOf("Graceful shutdown complete"))
			.isLessThan(shutdown.indexOf("Process Engine default closed"));
		assertThat(shutdown.indexOf("Process Engine default closed"))
			.isLessThan(shutdown.indexOf("HikariPool-1 - Shutdown completed"));
	}

	private static void awaitInLog(Path log, String line, int seconds) throws IOException, InterruptedException {
		for (int waited = 0; waited < seconds * 10; waited++) {
			if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(line)) {
				return;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("'" + line + "' not in the application's output after " + seconds + " s:\n"
				+ (Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no output)"));
	}
}
