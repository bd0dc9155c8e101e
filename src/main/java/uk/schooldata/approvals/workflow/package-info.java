/**
 * What every process shares: retry cycles for steps that call the outside world, and the guard that validates
 * process starts arriving through Camunda's own REST API.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Workflow support", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package uk.schooldata.approvals.workflow;
