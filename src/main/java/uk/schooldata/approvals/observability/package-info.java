/**
 * What operators watch: the state of the work in the database as Prometheus gauges (requests pending by age,
 * requests and invites by status, open incidents by process, the job backlog and its failures), refreshed on a
 * schedule by every node. Calls to the MIS and webhooks are measured where they are made, and the health of the
 * database, the engine, the job executor and the MIS is reported through Spring Boot Actuator.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Observability")
package uk.schooldata.approvals.observability;
