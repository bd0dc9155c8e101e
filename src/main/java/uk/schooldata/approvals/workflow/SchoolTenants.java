package uk.schooldata.approvals.workflow;

import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProvider;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderCaseInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderHistoricDecisionInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderProcessInstanceContext;
import org.springframework.stereotype.Component;

import uk.schooldata.approvals.web.FieldProblem;
import uk.schooldata.approvals.web.InvalidRequestException;

/**
 * One Camunda tenant per school, its id the school's URN. Process definitions are shared; every instance started
 * with a {@value #SCHOOL_URN} variable belongs to that school's tenant, however it was started, and one whose
 * {@value #SCHOOL_URN} is not text does not start. So a school
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

	/**
	 * @throws InvalidRequestException when the instance carries a {@value #SCHOOL_URN} that is not text (a number,
	 * say): such an instance would belong to no school, and every school's administrators would see its tasks. Text
	 * that is no URN gets no tenant here; the process's start validation refuses it with its other mistakes.
	 */
	@Override
	public String provideTenantIdForProcessInstance(TenantIdProviderProcessInstanceContext context) {
		Object urn = context.getVariables().get(SCHOOL_URN);
		if (urn != null && !(urn instanceof String)) {
			throw new InvalidRequestException(List.of(new FieldProblem(SCHOOL_URN, "must be a six-digit URN, as text")));
		}
		return urn != null && ((String) urn).matches("\\d{6}") ? (String) urn : null;
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
