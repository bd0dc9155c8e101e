package uk.schooldata.approvals.audit.cockpit;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginRootResource;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * The plugin's REST API inside Cockpit's: {@code /camunda/api/cockpit/plugin/audit-history/...}. Cockpit's JAX-RS
 * application creates it for every request (hence public, with a public no-argument constructor); the inherited
 * {@code GET static/{file}} serves the page's {@code app/plugin.js} and {@code app/plugin.css}.
 * <ul>
 * <li>{@code GET {engine}/instances}: a page of instances, filtered ({@link InstancesResource})</li>
 * <li>{@code GET {engine}/instances/{processInstanceId}}: one instance's whole history</li>
 * <li>{@code GET {engine}/options}: the choices of the list's filters ({@link OptionsResource})</li>
 * </ul>
 * Each path has a literal part after the engine so that it can never be taken for {@code static/...}.
 * <p>
 * The labels come from a Spring bean. Jersey, not Spring, creates this class, so it asks the application context
 * that Spring Boot registers in the servlet context ({@code ServletWebServerApplicationContext} sets
 * {@code WebApplicationContext.ROOT_WEB_APPLICATION_CONTEXT_ATTRIBUTE}) for it: no static holder to fill at start-up
 * and to go stale when tests start a second context, and the bean always comes from the context of the server that
 * answers the request.
 */
@Path("plugin/" + AuditHistoryPlugin.ID)
public class AuditHistoryRootResource extends AbstractCockpitPluginRootResource {

	public AuditHistoryRootResource() {
		super(AuditHistoryPlugin.ID);
	}

	@Path("{engineName}/instances")
	public InstancesResource instances(@PathParam("engineName") String engineName) {
		return subResource(new InstancesResource(engineName, labels()), engineName);
	}

	@Path("{engineName}/options")
	public OptionsResource options(@PathParam("engineName") String engineName) {
		return subResource(new OptionsResource(engineName, labels()), engineName);
	}

	private AuditLabels labels() {
		return WebApplicationContextUtils.getRequiredWebApplicationContext(servletContext).getBean(AuditLabels.class);
	}
}
