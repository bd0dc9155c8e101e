package uk.schooldata.approvals.audit.cockpit;

import java.util.Set;

import org.camunda.bpm.cockpit.plugin.spi.impl.AbstractCockpitPlugin;

/**
 * The "Audit history" Cockpit plugin. Cockpit's plugin registry loads it with Java's {@link java.util.ServiceLoader}
 * (listed in {@code META-INF/services/org.camunda.bpm.cockpit.plugin.spi.CockpitPlugin}), which is why it is public
 * and has the implicit public no-argument constructor; it is not a Spring bean.
 * <p>
 * The defaults of {@link AbstractCockpitPlugin} hold: the page's files live in {@code plugin-webapp/audit-history} on
 * the classpath ({@code app/plugin.js} and {@code app/plugin.css} are the only files Cockpit serves from there), and
 * the plugin brings no MyBatis mappings: it reads through the engine's public query API.
 */
public class AuditHistoryPlugin extends AbstractCockpitPlugin {

	/** The plugin's id: part of its REST paths and of the directory its page is served from. */
	static final String ID = "audit-history";

	@Override
	public String getId() {
		return ID;
	}

	@Override
	public Set<Class<?>> getResourceClasses() {
		return Set.<Class<?>>of(AuditHistoryRootResource.class);
	}
}
