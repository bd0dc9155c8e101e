package uk.schooldata.approvals.accessrequest.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import uk.schooldata.approvals.accessrequest.AccessRequest;
import uk.schooldata.approvals.accessrequest.AccessRequestService;
import uk.schooldata.approvals.accessrequest.AccessRequestStatus;
import uk.schooldata.approvals.accessrequest.AccessRequests;
import uk.schooldata.approvals.accessrequest.ConsentReceipts;
import uk.schooldata.approvals.accessrequest.RequestedScope;
import uk.schooldata.approvals.security.Caller;
import uk.schooldata.approvals.security.Roles;

/**
 * The data access request API's own access checks, on the web layer alone: only apps submit, each app and each
 * school sees only its own requests, only the requesting app withdraws. The service and repository are stand-ins;
 * {@code AccessRequestApiIntegrationTests} runs the same routes on the whole application.
 */
@WebMvcTest(AccessRequestController.class)
class AccessRequestControllerTests {

	static final String BODY = """
			{"schoolUrn": "100001", "purpose": "Homework", "scopes": [{"name": "school", "required": true}]}
			""";

	@Autowired
	MockMvc mvc;

	@MockitoBean
	AccessRequestService service;

	@MockitoBean
	AccessRequests requests;

	@MockitoBean
	ConsentReceipts receipts;

	@BeforeEach
	void aRequestOfHomeworkHubToNorthfield() {
		Instant now = Instant.parse("2026-12-01T09:00:00Z");
		given(requests.findById("r-1")).willReturn(Optional.of(new AccessRequest("r-1", "homework-hub", "100001",
				"Homework", AccessRequestStatus.PENDING, List.of(new RequestedScope("school", true, null, null)), now,
				now.plusSeconds(86_400), null, null, null, null, null, null, null)));
	}

	@Test
	void onlyAppsSubmitAndTheirIdempotencyKeyFitsItsColumn() throws Exception {
		for (Caller notAnApp : List.of(administratorOf("100001"), new Caller("auditor", Set.of(Roles.AUDITORS), Set.of()),
				new Caller("demo", Set.of(Roles.PLATFORM_ADMINS), Set.of()))) {
			mvc.perform(post("/api/access-requests").with(csrf()).with(as(notAnApp))
				.contentType(MediaType.APPLICATION_JSON)
				.content(BODY)).andExpect(status().isForbidden());
		}
		mvc.perform(post("/api/access-requests").with(csrf()).with(as(app("homework-hub")))
			.header("Idempotency-Key", "k".repeat(201))
			.contentType(MediaType.APPLICATION_JSON)
			.content(BODY))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));

		verify(service, never()).submit(any(), any(), any());
	}

	@Test
	void eachAppAndEachSchoolSeesOnlyItsOwnRequest() throws Exception {
		mvc.perform(get("/api/access-requests/r-1").with(as(app("homework-hub")))).andExpect(status().isOk());
		mvc.perform(get("/api/access-requests/r-1").with(as(administratorOf("100001")))).andExpect(status().isOk());
		mvc.perform(get("/api/access-requests/r-1").with(as(app("other-app")))).andExpect(status().isNotFound());
		mvc.perform(get("/api/access-requests/r-1").with(as(administratorOf("100002"))))
			.andExpect(status().isNotFound());
	}

	@Test
	void aReceiptIsForTheAppThatAskedTheSchoolAndAuditorsOnly() throws Exception {
		for (Caller stranger : List.of(app("other-app"), administratorOf("100002"))) {
			mvc.perform(get("/api/access-requests/r-1/receipt").with(as(stranger)))
				.andExpect(status().isNotFound())
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		}
		verify(receipts, never()).of(any());

		for (Caller reader : List.of(app("homework-hub"), administratorOf("100001"),
				new Caller("auditor", Set.of(Roles.AUDITORS), Set.of()))) {
			mvc.perform(get("/api/access-requests/r-1/receipt").with(as(reader))).andExpect(status().isOk());
		}
		verify(receipts, times(3)).of(any());
	}

	@Test
	void onlyAnAppWithdrawsAndOnlyAsItself() throws Exception {
		mvc.perform(delete("/api/access-requests/r-1").with(csrf()).with(as(administratorOf("100001"))))
			.andExpect(status().isForbidden());
		verify(service, never()).withdraw(any(), any());

		given(service.withdraw("other-app", "r-1")).willThrow(AccessRequestService.notFound("r-1"));
		mvc.perform(delete("/api/access-requests/r-1").with(csrf()).with(as(app("other-app"))))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.type").value("https://schooldata.example/problems/access-request-not-found"));
		verify(service).withdraw("other-app", "r-1");
	}

	private static Caller app(String appId) {
		return new Caller(appId, Set.of(Roles.APPS), Set.of());
	}

	private static Caller administratorOf(String urn) {
		return new Caller("admin@" + urn + ".example", Set.of(Roles.SCHOOL_ADMINS), Set.of(urn));
	}

	private static RequestPostProcessor as(Caller caller) {
		return authentication(UsernamePasswordAuthenticationToken.authenticated(caller, null,
				caller.groups().stream().map(SimpleGrantedAuthority::new).toList()));
	}
}
