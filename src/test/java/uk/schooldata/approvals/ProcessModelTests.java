package uk.schooldata.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The rules every BPMN in {@code processes/} keeps (STYLE.md, the BPMN part), checked on a plain in-memory
 * engine: it deploys, keeps history for a stated time, names its elements with Camunda's prefixes, retries every step
 * that calls the outside world, and finds its forms in the same deployment.
 */
class ProcessModelTests {

	static ProcessEngine engine = engine();

	static ProcessEngine engine() {
		ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
			.createStandaloneInMemProcessEngineConfiguration()
			.setJdbcUrl("jdbc:h2:mem:process-model-tests;DB_CLOSE_DELAY=-1")
			.setJobExecutorActivate(false);
		// A timer start event reads its cycle from a bean when it is deployed; the application's comes from app.invite.
		configuration.setBeans(Map.of("inviteTimers", new DigestTimer()));
		return configuration.buildProcessEngine();
	}

	/**
	 * Stands in for the application's {@code inviteTimers} bean, which the timer start events of the digest and the
	 * erasure read.
	 */
	public static class DigestTimer {

		public String digestCron() {
			return "0 0 7 * * ?";
		}

		public String erasureCron() {
			return "0 30 2 * * ?";
		}
	}

	@RegisterExtension
	static ProcessEngineExtension extension = ProcessEngineExtension.builder().useProcessEngine(engine).build();

	static String deploymentId;

	@BeforeAll
	static void deployEverything() throws IOException {
		var deployment = engine.getRepositoryService().createDeployment().name("process-model-tests");
		for (Path file : files("processes", ".bpmn")) {
			deployment.addInputStream(file.getFileName().toString(), Files.newInputStream(file));
		}
		for (Path file : files("forms", ".form")) {
			deployment.addInputStream(file.getFileName().toString(), Files.newInputStream(file));
		}
		deploymentId = deployment.deploy().getId();
	}

	@AfterAll
	static void undeploy() {
		engine.getRepositoryService().deleteDeployment(deploymentId, true);
	}

	@Test
	void everyProcessDeploysWithAHistoryTimeToLive() throws IOException {
		List<ProcessDefinition> definitions = engine.getRepositoryService()
			.createProcessDefinitionQuery()
			.deploymentId(deploymentId)
			.list();
		assertThat(definitions).hasSameSizeAs(files("processes", ".bpmn"));
		assertThat(definitions).allSatisfy(definition -> assertThat(definition.getHistoryTimeToLive())
			.as(definition.getKey()).isPositive());
	}

	@Test
	void everyElementHasAPrefixedIdAndANameShownInCockpit() {
		for (BpmnModelInstance model : models()) {
			for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
				assertThat(node.getId()).as("id of %s", node.getName())
					.matches("(StartEvent|Task|SubProcess|Gateway|BoundaryEvent|EndEvent|Event)_[A-Z][A-Za-z]+");
				assertThat(node.getName()).as("name of %s", node.getId()).isNotBlank();
			}
		}
	}

	@Test
	void everyAsynchronousStepRetriesOnAConfiguredCycle() {
		for (BpmnModelInstance model : models()) {
			for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
				BaseElement asyncElement = asynchronousPart(task);
				if (asyncElement == null) {
					continue;
				}
				List<CamundaFailedJobRetryTimeCycle> cycles = asyncElement.getExtensionElements() == null ? List.of()
						: asyncElement.getExtensionElements()
							.getElementsQuery()
							.filterByType(CamundaFailedJobRetryTimeCycle.class)
							.list();
				assertThat(cycles).as("retry cycle of %s", task.getId()).hasSize(1);
				assertThat(cycles.get(0).getTextContent()).as("retry cycle of %s", task.getId())
					.startsWith("${retryCycles.");
			}
		}
	}

	@Test
	void everyUserTaskUsesACamundaFormFromTheSameDeployment() {
		for (BpmnModelInstance model : models()) {
			for (UserTask task : model.getModelElementsByType(UserTask.class)) {
				assertThat(task.getCamundaFormRefBinding()).as("form binding of %s", task.getId()).isEqualTo("deployment");
				assertThat(Path.of("forms", task.getCamundaFormRef() + ".form")).as("form of %s", task.getId())
					.exists();
			}
		}
	}

	@Test
	void everyActivityCallingOutIsAsynchronous() {
		for (BpmnModelInstance model : models()) {
			for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
				boolean callsOut = task.getCamundaDelegateExpression().matches(".*(Mis|Email|Webhook|Notify).*");
				if (callsOut) {
					assertThat(asynchronousPart(task))
						.as("%s calls the outside world and must be asyncBefore", task.getId()).isNotNull();
				}
			}
		}
	}

	private static List<BpmnModelInstance> models() {
		return engine.getRepositoryService()
			.createProcessDefinitionQuery()
			.deploymentId(deploymentId)
			.list()
			.stream()
			.map(definition -> engine.getRepositoryService().getBpmnModelInstance(definition.getId()))
			.toList();
	}

	private static List<Path> files(String directory, String suffix) throws IOException {
		try (Stream<Path> files = Files.list(Path.of(directory))) {
			return files.filter(file -> file.toString().endsWith(suffix)).sorted().toList();
		}
	}

	/**
	 * The element whose {@code asyncBefore} makes a job of the task: the task itself, or for a multi-instance task
	 * its loop, so that each instance is a job of its own.
	 */
	private static BaseElement asynchronousPart(ServiceTask task) {
		if (task.isCamundaAsyncBefore()) {
			return task;
		}
		if (task.getLoopCharacteristics() instanceof MultiInstanceLoopCharacteristics loop && loop.isCamundaAsyncBefore()) {
			return loop;
		}
		return null;
	}
}
