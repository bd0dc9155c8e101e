package uk.schooldata.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every diagram under {@code processes/} passes bpmnlint's recommended rules and the Camunda 7.24 compatibility
 * rules ({@code .bpmnlintrc}), warnings included, so a broken diagram fails the build. bpmnlint comes from the npm
 * registry ({@code package.json}, {@code package-lock.json}); where there is no npm the test is skipped, saying so.
 */
class BpmnLintTests {

	static final Path BPMNLINT = Path.of("node_modules", ".bin", "bpmnlint");

	@BeforeAll
	static void bpmnlintInstalled() throws Exception {
		Assumptions.assumeTrue(onPath("npm"), "No npm here: install Node.js and npm to lint the diagrams");
		if (!Files.isExecutable(BPMNLINT)) {
			Result installed = run(List.of("npm", "ci", "--no-audit", "--no-fund"));
			assertThat(installed.exitCode()).as(installed.output()).isZero();
		}
	}

	@Test
	void everyProcessDiagramPassesBpmnlint() throws Exception {
		List<String> command = new ArrayList<>(List.of(BPMNLINT.toString(), "--max-warnings=0"));
		try (Stream<Path> diagrams = Files.list(Path.of("processes"))) {
			diagrams.filter(path -> path.toString().endsWith(".bpmn")).sorted().map(Path::toString).forEach(command::add);
		}

		Result lint = run(command);

		assertThat(lint.exitCode()).as(lint.output()).isZero();
	}

	@Test
	void aDiagramWithAnImplicitJoinFails() throws Exception {
		Result lint = run(List.of(BPMNLINT.toString(), "--max-warnings=0", "src/test/resources/lint/implicit-join.bpmn"));

		assertThat(lint.exitCode()).isNotZero();
		assertThat(lint.output()).contains("fake-join").contains("Task_Joined");
	}

	private static boolean onPath(String command) {
		return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
			.anyMatch(directory -> Files.isExecutable(Path.of(directory, command)));
	}

	private static Result run(List<String> command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(5, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new IllegalStateException(String.join(" ", command) + " took more than 5 minutes");
		}
		return new Result(process.exitValue(), output);
	}

	record Result(int exitCode, String output) {
	}
}
