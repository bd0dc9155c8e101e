package uk.schooldata.approvals.workflow;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProvider;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderCaseInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderHistoricDecisionInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderProcessInstanceContext;
import org.springframework.stereotype.Component;

/**
 * One Camunda tenant per school, its id the school's URN. Process definitions are shared; every instance started
 * with a {@value #SCHOOL_URN} variable belongs to that school's tenant, however it was started. So a school
 * administrator, a member of their school's tenant only, never sees another school's instances, tasks or history.
 */
@Component
public class SchoolTenants extends AbstractProcessEnginePlugin implements TenantIdProvider {

	/** The variable every school's process instance carries: the school's six-digit URN. */
	public static final String SCHOOL_URN = "schoolUrn";

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		configuration.setTenantIdProvider(this);
	}

	@Override
	public String provideTenantIdForProcessInstance(TenantIdProviderProcessInstanceContext context) {
		Object urn = context.getVariables().get(SCHOOL_URN);
		return urn instanceof String school && school.matches("\\d{6}") ? school : null;
	}

	@Override
	public String provideTenantIdForCaseInstance(TenantIdProviderCaseInstanceContext context) {
		return null;
	}

	@Override
	public String provideTenantIdForHistoricDecisionInstance(TenantIdProviderHistoricDecisionInstanceContext context) {
		return context.getExecution() == null ? null : context.getExecution().getTenantId();
	}
}
