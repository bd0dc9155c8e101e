/**
 * The MIS connector: the anti-corruption layer between this system and a school's management information system
 * (SIMS and others). {@link uk.schooldata.approvals.mis.MisConnector} is the port, in this domain's language;
 * {@code HttpMisConnector} is its adapter over HTTP; {@code simulator} serves the same HTTP API from inside the
 * application so that the default run goes through the real adapter.
 */
@org.springframework.modulith.ApplicationModule(displayName = "MIS connector")
package uk.schooldata.approvals.mis;
