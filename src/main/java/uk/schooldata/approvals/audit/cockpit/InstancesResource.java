package uk.schooldata.approvals.audit.cockpit;

import java.util.regex.Pattern;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.exception.InvalidRequestException;
import org.camunda.bpm.engine.rest.exception.RestException;

/**
 * Process instances, finished and running, of every process and school: a filtered page, and one instance's whole
 * history. {@code GET} only; there is nothing here that changes anything.
 */
public class InstancesResource extends AuditResource {

	/** Engine ids: UUIDs or the numeric ids of the default id generator. */
	private static final Pattern INSTANCE_ID = Pattern.compile("[A-Za-z0-9:._-]{1,64}");

	private final AuditLabels labels;

	InstancesResource(String engineName, AuditLabels labels) {
		super(engineName);
		this.labels = labels;
	}

	/**
	 * A page of instances, newest first.
	 *
	 * @param processKey a process definition key, e.g. {@code data-access-request}
	 * @param schoolUrn a school's six-digit URN
	 * @param appId an app's id: the instances of its access requests and of revocations of its grants
	 * @param status {@code RUNNING}, {@code COMPLETED}, {@code TERMINATED} or {@code INCIDENT}
	 * @param startedFrom an ISO-8601 instant; only instances started at or after it
	 * @param startedTo an ISO-8601 instant; only instances started before it
	 * @param firstResult from 0
	 * @param maxResults 1 to {@value InstanceSearch#MAX_PAGE_SIZE}; {@value InstanceSearch#DEFAULT_PAGE_SIZE} if absent
	 */
	@GET
	@Produces(MediaType.APPLICATION_JSON)
	public InstancePage list(@QueryParam("processKey") String processKey, @QueryParam("schoolUrn") String schoolUrn,
			@QueryParam("appId") String appId, @QueryParam("status") String status,
			@QueryParam("startedFrom") String startedFrom, @QueryParam("startedTo") String startedTo,
			@QueryParam("firstResult") String firstResult, @QueryParam("maxResults") String maxResults) {
		return read(() -> {
			InstanceSearch search;
			try {
				search = InstanceSearch.of(processKey, schoolUrn, appId, status, startedFrom, startedTo, firstResult,
						maxResults);
			}
			catch (IllegalArgumentException invalid) {
				throw new InvalidRequestException(Status.BAD_REQUEST, invalid.getMessage());
			}
			ProcessEngine engine = getProcessEngine();
			return new InstanceList(engine.getHistoryService(), labels, summaries(engine)).page(search);
		});
	}

	/**
	 * One instance's history: its path on the diagram, its steps, its tasks with who completed them and what they
	 * submitted, its incidents and the user operation log.
	 */
	@GET
	@Path("{processInstanceId}")
	@Produces(MediaType.APPLICATION_JSON)
	public InstanceDetail detail(@PathParam("processInstanceId") String processInstanceId) {
		return read(() -> {
			if (!INSTANCE_ID.matcher(processInstanceId).matches()) {
				throw notFound();
			}
			ProcessEngine engine = getProcessEngine();
			return new InstanceHistory(engine.getHistoryService(), engine.getRepositoryService(), summaries(engine))
				.of(processInstanceId)
				.orElseThrow(InstancesResource::notFound);
		});
	}

	private InstanceSummaries summaries(ProcessEngine engine) {
		return new InstanceSummaries(engine.getHistoryService(), engine.getRepositoryService(), labels);
	}

	private static RestException notFound() {
		return new RestException(Status.NOT_FOUND, "There is no process instance with this id in the history.");
	}
}
